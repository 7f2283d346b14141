/* fileio.h - reading inputs and writing outputs atomically.
 *
 * Inputs are read whole into memory with a size limit; "-" is stdin.
 * Outputs are written to "DIR/.NAME.tmp.XXXXXX" next to the target, flushed,
 * fsync'ed and renamed into place, or unlinked on any failure, so a target
 * file is always either the old complete one or the new complete one.
 */
#ifndef COMMON_FILEIO_H
#define COMMON_FILEIO_H

#include <stddef.h>

#include "diag.h"

/* Largest input file any stage accepts (documented in the README). */
#define FILEIO_MAX_INPUT (256u * 1024u * 1024u)

/* Read PATH ("-" for stdin) into a NUL-terminated heap buffer; *LEN gets the
 * byte count (the buffer may hold NUL bytes). Refuses directories, and files
 * larger than MAX bytes. Returns NULL and fills D on error.
 * Caller frees the result with free(). */
char *fileio_read(const char *path, size_t max, size_t *len, struct diag *d);

/* Write LEN bytes to PATH atomically; PATH NULL or "-" writes to stdout
 * (not atomic, and not closed). Returns 0, or -1 with D filled. */
int fileio_write_atomic(const char *path, const void *data, size_t len, struct diag *d);

/* 0: do not fsync each file before its rename (still atomic against a
 * killed process; durability against a power cut is then the caller's: run.sh
 * syncs the output file system once per stage, before it records the
 * outputs in its cache). Default 1. */
extern int fileio_fsync;

/* Install SIGINT/SIGTERM/SIGHUP/SIGPIPE handlers that remove the temp file
 * being written before the process dies. Call once from main(). */
void fileio_install_signal_cleanup(void);

/* The last path component of PATH, without directories (borrowed pointer
 * into PATH). "<stdin>" for "-". */
const char *fileio_basename(const char *path);

/* Make directory PATH (one level) if it does not exist. 0 or -1 with D. */
int fileio_mkdir(const char *path, struct diag *d);

/* Join DIR and NAME with one '/' (heap string, caller frees). */
char *fileio_join(const char *dir, const char *name);

/* NAME without its last extension, as a heap string ("a.b.txt" -> "a.b"). */
char *fileio_stem(const char *path);

#endif
