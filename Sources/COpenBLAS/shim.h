#ifndef PLANCAST_COPENBLAS_SHIM_H
#define PLANCAST_COPENBLAS_SHIM_H
// CBLAS comes from libopenblas-dev (openblas-pthread include dir, on the default path through
// Debian's alternatives), LAPACKE from liblapacke-dev.
#include <cblas.h>
#include <lapacke.h>
#include <stddef.h>

// Unblocked LAPACK routines (Fortran symbols exported by libopenblas), called directly on small
// problems to skip LAPACKE's NaN checks and the ilaenv/workspace-query overhead of the blocked
// drivers. For min(m, n) <= 32 the blocked drivers dgeqp3/dormqr/dorgqr call exactly these.
// Trailing size_t arguments are the hidden lengths of Fortran CHARACTER arguments (gfortran ABI).
void dlaqp2_(const int *m, const int *n, const int *offset, double *a, const int *lda, int *jpvt,
             double *tau, double *vn1, double *vn2, double *work);
void dorm2r_(const char *side, const char *trans, const int *m, const int *n, const int *k,
             const double *a, const int *lda, const double *tau, double *c, const int *ldc,
             double *work, int *info, size_t side_len, size_t trans_len);
void dorg2r_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, int *info);
void dtrti2_(const char *uplo, const char *diag, const int *n, double *a, const int *lda,
             int *info, size_t uplo_len, size_t diag_len);
void dlauu2_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
#endif
