# not a realistic mistake: read_record() never returns (the grader must time out, not hang)
# file: records.c
# fails: records
# names: did not finish
s/^    \*consumed = 0;$/    *consumed = 0;\n    for (volatile int spin = 1; spin;) {\n    }/
