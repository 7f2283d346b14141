/* module placeholder */
int clean_placeholder(void);
int clean_placeholder(void) { return 0; }
