/* Valgrind client requests for the constant-time harness: mark bytes as secret
   (undefined) or public (defined). Outside valgrind these are no-ops. */
#include <stddef.h>
#include <valgrind/memcheck.h>

int pq_ct_running(void) { return RUNNING_ON_VALGRIND; }
void pq_ct_secret(const void *p, size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void pq_ct_public(const void *p, size_t n) { (void)VALGRIND_MAKE_MEM_DEFINED(p, n); }
