/* testtally.h -- one library handle for a cmocka test group, opened on the
 * repository's data and gazetteer (testutil.h) before the group's first test
 * and closed after its last: loading the dictionaries and mapping the index
 * once per program keeps the suites fast under the sanitizers.
 *
 *   return cmocka_run_group_tests(tests, tally_setup, tally_teardown);
 */
#ifndef TALLY_TESTTALLY_H
#define TALLY_TESTTALLY_H

#include <stdio.h>

#include "tally.h"
#include "testutil.h"

static tally *T;

static int tally_setup(void **state)
{
    (void)state;
    char err[512];
    T = tally_open(TEST_DATADIR, TEST_GAZETTEER, err, sizeof err);
    if (!T) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int tally_teardown(void **state)
{
    (void)state;
    tally_close(T);
    return 0;
}

#endif
