# finished_key with the label "finish"
# file: finished.c
# fails: finished
# names: verify_data
s/"finished", NULL, 0,/"finish", NULL, 0,/
