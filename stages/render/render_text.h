/* render_text.h - turning arbitrary input strings into drawable text.
 *
 * Everything the briefing draws passes through render_text_clean(): the
 * result is valid UTF-8 holding only code points of the Basic Multilingual
 * Plane that a font can draw, so PDF syntax, control characters and
 * direction marks in the data render as plain text, never as commands.
 */
#ifndef RENDER_TEXT_H
#define RENDER_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Clean LEN bytes of S (NULL gives ""): invalid UTF-8 becomes U+FFFD, code
 * points above U+FFFF become U+FFFD, C0/C1 controls and every Unicode space
 * become one ASCII space (runs collapsed, ends trimmed), invisible format
 * characters (soft hyphen, zero-width, bidi marks and overrides) are dropped.
 * Returns a heap string (caller frees). */
char *render_text_clean(const char *s, size_t len);

/* The same for a NUL-terminated string (NULL gives ""). */
char *render_text_cleans(const char *s);

/* An ASCII-only copy for PDF metadata and bookmarks (which libharu writes
 * in PDFDocEncoding): typographic quotes and dashes become ASCII, other
 * non-ASCII code points become '?', controls become spaces. Heap string. */
char *render_text_ascii(const char *s);

/* Non-zero for code points render_text_clean() drops. */
int render_text_is_dropped(uint32_t cp);

#endif
