/* hpdf_baseline.c - the render stage's baseline: a trivial libharu program
 * that writes PAGES A4 pages with a heading and 40 lines of text on each.
 *
 *   hpdf_baseline -n PAGES [-f FONT.ttf] -o OUT.pdf
 *
 * With -f the TrueType font is embedded (as render does for DejaVu);
 * without, the base-14 Helvetica is used. Exit 0, 1 (libharu or I/O
 * error), 2 (usage). */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HPDF_STATUS last_error;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    (void)user_data;
    fprintf(stderr, "hpdf_baseline: libharu error 0x%04X (detail %u)\n", (unsigned)error_no,
            (unsigned)detail_no);
    last_error = error_no;
}

int main(int argc, char **argv)
{
    int pages = 0;
    const char *font_file = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) goto usage;
        if (!strcmp(argv[i], "-n")) pages = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-f")) font_file = argv[++i];
        else if (!strcmp(argv[i], "-o")) out = argv[++i];
        else goto usage;
    }
    if (pages <= 0 || !out) goto usage;

    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    if (!pdf) return 1;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_Font font;
    if (font_file) {
        const char *name = HPDF_LoadTTFontFromFile(pdf, font_file, HPDF_TRUE);
        font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    } else {
        font = HPDF_GetFont(pdf, "Helvetica", NULL);
    }
    if (!font) { HPDF_Free(pdf); return 1; }

    char line[160];
    for (int p = 0; p < pages && !last_error; p++) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        float h = HPDF_Page_GetHeight(page);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 16);
        snprintf(line, sizeof line, "Briefing page %d of %d", p + 1, pages);
        HPDF_Page_TextOut(page, 50, h - 60, line);
        HPDF_Page_SetFontAndSize(page, font, 10);
        for (int l = 0; l < 40; l++) {
            snprintf(line, sizeof line,
                     "Line %d: the two sides reaffirmed the shared goal of deterrence (KIDD, SCM, NCG).",
                     l + 1);
            HPDF_Page_TextOut(page, 50, h - 90 - 16.0f * (float)l, line);
        }
        HPDF_Page_EndText(page);
    }
    HPDF_STATUS st = last_error ? last_error : HPDF_SaveToFile(pdf, out);
    HPDF_Free(pdf);
    return st == HPDF_OK ? 0 : 1;
usage:
    fputs("usage: hpdf_baseline -n PAGES [-f FONT.ttf] -o OUT.pdf\n", stderr);
    return 2;
}
