#ifndef CVSIEVE_CTESSERACT_SHIM_H
#define CVSIEVE_CTESSERACT_SHIM_H
// Tesseract's C API (https://tesseract-ocr.github.io/tessapi/5.x/a00008.html), and Leptonica
// (http://www.leptonica.org/library-notes.html), which Tesseract reads images with: it decodes
// JPEG, PNG, TIFF, GIF, WebP and JPEG 2000 from memory, turns pages upright and deskews them.
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#endif
