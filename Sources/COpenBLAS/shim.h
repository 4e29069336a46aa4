#ifndef PLANCAST_COPENBLAS_SHIM_H
#define PLANCAST_COPENBLAS_SHIM_H
// CBLAS comes from libopenblas-dev (openblas-pthread include dir, on the default path through
// Debian's alternatives), LAPACKE from liblapacke-dev.
#include <cblas.h>
#include <lapacke.h>
#endif
