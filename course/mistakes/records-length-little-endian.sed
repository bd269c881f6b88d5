# the record length read little-endian (bytes 4, 3 instead of 3, 4)
# file: records.c
# fails: records
# names: length
s/(uint16_t)(data\[3\] << 8 | data\[4\])/(uint16_t)(data[4] << 8 | data[3])/
