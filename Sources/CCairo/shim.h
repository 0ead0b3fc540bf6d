#ifndef CVSIEVE_CCAIRO_SHIM_H
#define CVSIEVE_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#endif
