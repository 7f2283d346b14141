/* module placeholder */
int compare_placeholder(void);
int compare_placeholder(void) { return 0; }
