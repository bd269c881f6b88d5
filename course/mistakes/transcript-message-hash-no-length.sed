# message_hash written without its length (00 00 00 instead of 00 00 Hash.length)
# file: transcript.c
# fails: transcript
# names: HelloRetryRequest
s/t->bytes\[3\] = (uint8_t)hash_len;/t->bytes[3] = 0;/
