// The header declares a function of libFuzzer's runtime; SwiftPM wants one source file per C target.
#include "CLibFuzzer.h"
