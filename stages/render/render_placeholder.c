/* module placeholder */
int render_placeholder(void);
int render_placeholder(void) { return 0; }
