/* placeholder main for jsonschema until its stage lands */
#include <stdio.h>
#include <string.h>
#include "diag.h"
int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) { puts("jsonschema " BRIEFING_VERSION); return 0; }
    fprintf(stderr, "jsonschema: not built yet\n");
    return RC_DATA;
}
