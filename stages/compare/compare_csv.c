/* compare_csv.c - the CSV export (RFC 4180: CRLF line ends, fields with a
 * comma, quote or line break quoted, quotes doubled). */
#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "jsonio.h"
#include "xalloc.h"

static void compare_csv_field(struct buf *b, const char *s, int first)
{
    if (!first)
        buf_putc(b, ',');
    if (!s)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        buf_append(b, s);
        return;
    }
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static void compare_csv_json(struct buf *b, const json_t *v, int first)
{
    char tmp[32];
    if (json_is_string(v))
        compare_csv_field(b, json_string_value(v), first);
    else if (json_is_integer(v)) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
        compare_csv_field(b, tmp, first);
    } else if (json_is_boolean(v))
        compare_csv_field(b, json_is_true(v) ? "true" : "false", first);
    else
        compare_csv_field(b, NULL, first);
}

static int compare_csv_save(const char *dir, const char *name, struct buf *b, struct diag *d)
{
    char *path = fileio_join(dir, name);
    int rc = fileio_write_atomic(path, b->p ? b->p : "", b->len, d);
    free(path);
    buf_free(b);
    return rc;
}

int compare_csv_write(const json_t *doc, const char *dir, struct diag *d)
{
    struct buf b = BUF_INIT, cell = BUF_INIT;
    const json_t *meetings = json_object_get(doc, "meetings");
    json_t *m, *row, *c, *x;
    size_t i, j;
    if (fileio_mkdir(dir, d) != 0)
        return -1;
    /* topic matrix: one row per topic, one column per meeting */
    compare_csv_field(&b, "topic", 1);
    compare_csv_field(&b, "label", 0);
    json_array_foreach(meetings, i, m) compare_csv_json(&b, json_object_get(m, "label"), 0);
    buf_append(&b, "\r\n");
    json_array_foreach(json_object_get(doc, "topic_matrix"), i, row)
    {
        compare_csv_json(&b, json_object_get(row, "id"), 1);
        compare_csv_json(&b, json_object_get(row, "label"), 0);
        json_array_foreach(json_object_get(row, "cells"), j, c)
        {
            buf_reset(&cell);
            buf_append(&cell, jsonio_str(c, "status") ? jsonio_str(c, "status") : "");
            if (jsonio_int(c, "count", 0) > 0)
                buf_printf(&cell, " (%lld)", (long long)jsonio_int(c, "count", 0));
            compare_csv_field(&b, buf_str(&cell), 0);
        }
        buf_append(&b, "\r\n");
    }
    if (compare_csv_save(dir, "topic_matrix.csv", &b, d) != 0) {
        buf_free(&cell);
        return -1;
    }
    /* at a glance: one row per meeting */
    static const char *const cols[] = {"id",       "label", "series", "ordinal",  "start_date",
                                       "end_date", "city",  "format", "date_flag"};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        compare_csv_field(&b, cols[k], k == 0);
    compare_csv_field(&b, "leads", 0);
    compare_csv_field(&b, "sources", 0);
    compare_csv_field(&b, "doc_types", 0);
    compare_csv_field(&b, "publishers", 0);
    buf_append(&b, "\r\n");
    json_array_foreach(meetings, i, m)
    {
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
            compare_csv_json(&b, json_object_get(m, cols[k]), k == 0);
        buf_reset(&cell);
        json_array_foreach(json_object_get(m, "leads"), j, x)
        {
            buf_printf(&cell, "%s%s", j ? "; " : "", jsonio_str(x, "name"));
            if (jsonio_str(x, "side"))
                buf_printf(&cell, " (%s", jsonio_str(x, "side"));
            else
                buf_append(&cell, " (");
            if (jsonio_str(x, "title"))
                buf_printf(&cell, ", %s", jsonio_str(x, "title"));
            buf_printf(&cell, ", level %lld%s)", (long long)jsonio_int(x, "rank", 5),
                       json_is_true(json_object_get(x, "acting")) ? ", acting" : "");
        }
        compare_csv_field(&b, buf_str(&cell), 0);
        static const char *const det[] = {"file", "doc_type", "publisher"};
        for (size_t k = 0; k < 3; k++) {
            buf_reset(&cell);
            json_array_foreach(json_object_get(m, "source_details"), j, x) buf_printf(
                &cell, "%s%s", j ? "; " : "", jsonio_str(x, det[k]) ? jsonio_str(x, det[k]) : "");
            compare_csv_field(&b, buf_str(&cell), 0);
        }
        buf_append(&b, "\r\n");
    }
    buf_free(&cell);
    return compare_csv_save(dir, "at_a_glance.csv", &b, d);
}
