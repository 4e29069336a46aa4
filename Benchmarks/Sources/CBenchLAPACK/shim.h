#ifndef PLANCAST_BENCH_LAPACK_SHIM_H
#define PLANCAST_BENCH_LAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
