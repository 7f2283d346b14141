/* module placeholder */
int jsonschema_placeholder(void);
int jsonschema_placeholder(void) { return 0; }
