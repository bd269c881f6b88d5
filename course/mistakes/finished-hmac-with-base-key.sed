# HMAC keyed with the traffic secret itself, not finished_key
# file: finished.c
# fails: finished
# names: verify_data
s/return course_hmac(hash_len, finished_key, hash_len,/return course_hmac(hash_len, base_key, hash_len,/
