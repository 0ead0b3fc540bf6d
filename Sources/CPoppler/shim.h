#ifndef CVSIEVE_CPOPPLER_SHIM_H
#define CVSIEVE_CPOPPLER_SHIM_H
#include <poppler.h>
#include <glib.h>
#include <glib-object.h>

/// `g_object_unref` takes a `gpointer`; poppler hands GObjects to Swift as `OpaquePointer`.
/// Taking `void *` here lets every owner type release its handle with one call.
static inline void cvsieve_g_object_unref(void *object) {
    if (object != NULL) { g_object_unref(object); }
}

/// `PopplerAction` is a C union; Swift cannot switch on it. Returns the URI of a
/// `POPPLER_ACTION_URI` action, or NULL for every other action type. The string is owned by the action.
static inline const char *cvsieve_action_uri(const PopplerAction *action) {
    if (action == NULL || action->type != POPPLER_ACTION_URI) { return NULL; }
    return action->uri.uri;
}

/// `PopplerError` values are an enum that Swift imports as a struct; the GError `code` is a gint.
static inline int cvsieve_poppler_error_encrypted(void) { return POPPLER_ERROR_ENCRYPTED; }
static inline GQuark cvsieve_poppler_error_quark(void) { return poppler_error_quark(); }

#endif
