/* module placeholder */
int extract_placeholder(void);
int extract_placeholder(void) { return 0; }
