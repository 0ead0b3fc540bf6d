#ifndef CVSIEVE_CLIBZIP_SHIM_H
#define CVSIEVE_CLIBZIP_SHIM_H
#include <zip.h>

/// `ZIP_STAT_SIZE` and friends are macros of type `zip_uint64_t` built from `1u << n`; Swift
/// imports some of them with a narrower type. These give them one type.
static inline zip_uint64_t cvsieve_zip_stat_has_size(const zip_stat_t *st) { return st->valid & ZIP_STAT_SIZE; }
static inline zip_uint64_t cvsieve_zip_stat_has_comp_size(const zip_stat_t *st) { return st->valid & ZIP_STAT_COMP_SIZE; }
static inline zip_uint64_t cvsieve_zip_stat_has_name(const zip_stat_t *st) { return st->valid & ZIP_STAT_NAME; }

#endif
