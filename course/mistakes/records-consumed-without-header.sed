# *consumed counts the body but not the 5-byte header
# file: records.c
# fails: records
# names: consumed
s/\*consumed = COURSE_RECORD_HEADER_LEN + (size_t)length;/*consumed = (size_t)length;/
