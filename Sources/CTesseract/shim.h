#ifndef CVSIEVE_CTESSERACT_SHIM_H
#define CVSIEVE_CTESSERACT_SHIM_H
// Tesseract's C API (https://tesseract-ocr.github.io/tessapi/5.x/a00008.html). Included as C,
// so it declares opaque handles and needs neither Leptonica nor C++.
#include <tesseract/capi.h>
#endif
