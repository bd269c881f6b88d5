/*
 * crypto_rfc8448_table.c — RFC 8448 values as C tables, for the crypto tests.
 *
 * Generated once from tests/vectors/rfc8448/ (the JSON files, themselves taken from RFC 8448,
 * tests/vectors/rfc/rfc8448.txt) by a throwaway script and committed; edit by hand if needed.
 * Every row carries its RFC 8448 section and the line of the value in rfc8448.txt.
 */
#include "support/crypto_rfc8448_table.h"

#include <stddef.h>

const struct ks_row ks_rows[] = {
    {"3", 219, ROW_EARLY_SECRET, 0,
     "{server} extract secret \"early\": secret",
     "IKM line 216",
      NULL,
      NULL,
      NULL,
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"},
    {"3", 259, ROW_DERIVED, 0,
     "{server} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 249, hash line 252",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"3", 270, ROW_HANDSHAKE_SECRET, 0,
     "{server} extract secret \"handshake\": secret",
     "IKM line 267",
      NULL,
      "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d",
      NULL,
      "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac"},
    {"3", 294, ROW_DERIVE, TLS_SECRET_client_handshake_traffic_secret,
     "{server} derive secret \"tls13 c hs traffic\": expanded (client_handshake_traffic_secret)",
     "PRK line 275, hash line 287",
      "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac",
      "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8",
      NULL,
      "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"},
    {"3", 309, ROW_DERIVE, TLS_SECRET_server_handshake_traffic_secret,
     "{server} derive secret \"tls13 s hs traffic\": expanded (server_handshake_traffic_secret)",
     "PRK line 299, hash line 302",
      "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac",
      "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8",
      NULL,
      "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"},
    {"3", 324, ROW_DERIVED, 0,
     "{server} derive secret for master \"tls13 derived\": expanded",
     "PRK line 314, hash line 317",
      "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4"},
    {"3", 343, ROW_MASTER_SECRET, 0,
     "{server} extract secret \"master\": secret",
     "IKM line 332",
      NULL,
      NULL,
      NULL,
      "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919"},
    {"3", 367, ROW_KEY, 0,
     "{server} derive write traffic keys for handshake data: key expanded",
     "PRK line 362",
      NULL,
      "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
      NULL,
      "3fce516009c21727d0f2e4e86ee403bc"},
    {"3", 372, ROW_IV, 0,
     "{server} derive write traffic keys for handshake data: iv expanded",
     "PRK line 362",
      NULL,
      "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
      NULL,
      "5d313eb2671276ee13000b30"},
    {"3", 433, ROW_FINISHED_KEY, 0,
     "{server} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 425",
      NULL,
      "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
      NULL,
      "008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8"},
    {"3", 436, ROW_VERIFY_DATA, 0,
     "{server} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 425; transcript: ClientHello@177 ServerHello@241 EncryptedExtensions@376 Certificate@382 CertificateVerify@415",
      NULL,
      "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
      "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef"
      "6283024dece7000006130113031302010000910000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e"
      "51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603"
      "020308040805080604010501060102010402050206020202002d00020101001c"
      "00024001020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb14"
      "34dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe"
      "66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b000203040800"
      "00240022000a00140012001d00170018001901000101010201030104001c0002"
      "4001000000000b0001b9000001b50001b0308201ac30820115a0030201020201"
      "02300d06092a864886f70d01010b0500300e310c300a06035504031303727361"
      "301e170d3136303733303031323335395a170d3236303733303031323335395a"
      "300e310c300a0603550403130372736130819f300d06092a864886f70d010101"
      "050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c68"
      "de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6a"
      "f98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5f"
      "da430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002"
      "c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d13040230"
      "00300b0603551d0f0404030205a0300d06092a864886f70d01010b0500038181"
      "0085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a5943654"
      "17f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e"
      "5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5"
      "203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4d"
      "e100000f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd4"
      "84145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef780c5e"
      "a248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e"
      "46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cd"
      "f5aea20d53dfacd42f74f3",
      "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"},
    {"3", 544, ROW_DERIVE, TLS_SECRET_client_application_traffic_secret_0,
     "{server} derive secret \"tls13 c ap traffic\": expanded (client_application_traffic_secret_0)",
     "PRK line 534, hash line 537",
      "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919",
      "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13",
      NULL,
      "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"},
    {"3", 567, ROW_DERIVE, TLS_SECRET_server_application_traffic_secret_0,
     "{server} derive secret \"tls13 s ap traffic\": expanded (server_application_traffic_secret_0)",
     "PRK line 549, hash line 552",
      "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919",
      "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13",
      NULL,
      "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"},
    {"3", 582, ROW_DERIVE, TLS_SECRET_exporter_master_secret,
     "{server} derive secret \"tls13 exp master\": expanded (exporter_master_secret)",
     "PRK line 572, hash line 575",
      "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919",
      "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13",
      NULL,
      "fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50"},
    {"3", 592, ROW_KEY, 0,
     "{server} derive write traffic keys for application data: key expanded",
     "PRK line 587",
      NULL,
      "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643",
      NULL,
      "9f02283b6c9c07efc26bb9f2ac92e356"},
    {"3", 597, ROW_IV, 0,
     "{server} derive write traffic keys for application data: iv expanded",
     "PRK line 587",
      NULL,
      "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643",
      NULL,
      "cf782b88dd83549aadf1e984"},
    {"3", 606, ROW_KEY, 0,
     "{server} derive read traffic keys for handshake data: key expanded",
     "PRK line 601",
      NULL,
      "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
      NULL,
      "dbfaa693d1762c5b666af5d950258d01"},
    {"3", 611, ROW_IV, 0,
     "{server} derive read traffic keys for handshake data: iv expanded",
     "PRK line 601",
      NULL,
      "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
      NULL,
      "5bd3c71b836e0b76bb73265f"},
    {"3", 635, ROW_DERIVED, 0,
     "{client} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 625, hash line 628",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"3", 684, ROW_FINISHED_KEY, 0,
     "{client} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 668",
      NULL,
      "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
      NULL,
      "b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4"},
    {"3", 687, ROW_VERIFY_DATA, 0,
     "{client} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 668; transcript: ClientHello@177 ServerHello@241 EncryptedExtensions@376 Certificate@382 CertificateVerify@415 Finished@441",
      NULL,
      "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
      "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef"
      "6283024dece7000006130113031302010000910000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e"
      "51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603"
      "020308040805080604010501060102010402050206020202002d00020101001c"
      "00024001020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb14"
      "34dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe"
      "66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b000203040800"
      "00240022000a00140012001d00170018001901000101010201030104001c0002"
      "4001000000000b0001b9000001b50001b0308201ac30820115a0030201020201"
      "02300d06092a864886f70d01010b0500300e310c300a06035504031303727361"
      "301e170d3136303733303031323335395a170d3236303733303031323335395a"
      "300e310c300a0603550403130372736130819f300d06092a864886f70d010101"
      "050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c68"
      "de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6a"
      "f98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5f"
      "da430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002"
      "c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d13040230"
      "00300b0603551d0f0404030205a0300d06092a864886f70d01010b0500038181"
      "0085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a5943654"
      "17f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e"
      "5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5"
      "203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4d"
      "e100000f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd4"
      "84145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef780c5e"
      "a248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e"
      "46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cd"
      "f5aea20d53dfacd42f74f3140000209b9b141d906337fbd2cbdce71df4deda4a"
      "b42c309572cb7fffee5454b78f0718",
      "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"},
    {"3", 713, ROW_KEY, 0,
     "{client} derive write traffic keys for application data: key expanded",
     "PRK line 708",
      NULL,
      "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5",
      NULL,
      "17422dda596ed5d9acd890e3c63f5051"},
    {"3", 718, ROW_IV, 0,
     "{client} derive write traffic keys for application data: iv expanded",
     "PRK line 708",
      NULL,
      "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5",
      NULL,
      "5b78923dee08579033e523d9"},
    {"3", 739, ROW_DERIVE, TLS_SECRET_resumption_master_secret,
     "{client} derive secret \"tls13 res master\": expanded (resumption_master_secret)",
     "PRK line 722, hash line 725",
      "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919",
      "209145a96ee8e2a122ff810047cc952684658d6049e86429426db87c54ad143d",
      NULL,
      "7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c"},
    {"3", 759, ROW_RESUMPTION_PSK, 0,
     "{server} generate resumption secret \"tls13 resumption\": expanded (PSK for ticket_nonce 0000)",
     "PRK line 751, ticket_nonce line 754",
      NULL,
      "7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c",
      "0000",
      "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3"},
    {"4", 881, ROW_EARLY_SECRET, 0,
     "{client} extract secret \"early\": secret",
     "IKM line 878",
      NULL,
      "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3",
      NULL,
      "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c"},
    {"4", 946, ROW_BINDER_HASH, 0,
     "{client} calculate PSK binder: binder hash = Hash(ClientHello prefix)",
     "prefix line 921",
      NULL,
      "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc41"
      "9d7876487d95000006130113031302010001cd0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe"
      "051a66b4f18d668f0b002a0000002b0003020304000d0020001e040305030603"
      "020308040805080604010501060102010402050206020202002d00020101001c"
      "0002400100150057000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a"
      "34cb33fa90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a98211"
      "7283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
      "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b"
      "3f7d8f92f228bda40dda721470f9fbf297b5aea617646fac5c03272e970727c6"
      "21a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb",
      NULL,
      "63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14"},
    {"4", 949, ROW_DERIVE, TLS_SECRET_binder_key_res,
     "{client} calculate PSK binder: PRK (binder_key_res = Derive-Secret(early, \"res binder\", \"\"))",
     "Hash("") as at line 1132",
      NULL,
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256"},
    {"4", 964, ROW_FINISHED_KEY, 0,
     "{client} calculate PSK binder: expanded (finished_key of binder key)",
     "PRK line 949",
      NULL,
      "69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256",
      NULL,
      "5588673e72cb59c87d220caffe94f2dea9a3b1609f7d50e90a48227db9ed7eaa"},
    {"4", 967, ROW_VERIFY_DATA, 0,
     "{client} calculate PSK binder: finished (binder value)",
     "PRK line 949; transcript: ClientHello prefix@921 (binder hash line 946)",
      NULL,
      "69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256",
      "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc41"
      "9d7876487d95000006130113031302010001cd0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe"
      "051a66b4f18d668f0b002a0000002b0003020304000d0020001e040305030603"
      "020308040805080604010501060102010402050206020202002d00020101001c"
      "0002400100150057000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a"
      "34cb33fa90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a98211"
      "7283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
      "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b"
      "3f7d8f92f228bda40dda721470f9fbf297b5aea617646fac5c03272e970727c6"
      "21a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb",
      "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d"},
    {"4", 1045, ROW_DERIVE, TLS_SECRET_client_early_traffic_secret,
     "{client} derive secret \"tls13 c e traffic\": expanded (client_early_traffic_secret)",
     "PRK line 1035, hash line 1038",
      "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c",
      "08ad0fa05d7c7233b1775ba2ff9f4c5b8b59276b7f227f13a976245f5d960913",
      NULL,
      "3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62"},
    {"4", 1060, ROW_DERIVE, TLS_SECRET_early_exporter_master_secret,
     "{client} derive secret \"tls13 e exp master\": expanded (early_exporter_master_secret)",
     "PRK line 1050, hash line 1053",
      "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c",
      "08ad0fa05d7c7233b1775ba2ff9f4c5b8b59276b7f227f13a976245f5d960913",
      NULL,
      "b2026866610937d7423e5be90862ccf24c0e6091186d34f812089ff5be2ef7df"},
    {"4", 1078, ROW_KEY, 0,
     "{client} derive write traffic keys for early application data: key expanded",
     "PRK line 1073",
      NULL,
      "3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62",
      NULL,
      "920205a5b7bf2115e6fc5c2942834f54"},
    {"4", 1083, ROW_IV, 0,
     "{client} derive write traffic keys for early application data: iv expanded",
     "PRK line 1073",
      NULL,
      "3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62",
      NULL,
      "6d475f0993c8e564610db2b9"},
    {"4", 1139, ROW_DERIVED, 0,
     "{server} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 1129, hash line 1132",
      "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "5f1790bbd82c5e7d376ed2e1e52f8e6038c9346db61b43be9a52f77ef3998e80"},
    {"4", 1150, ROW_HANDSHAKE_SECRET, 0,
     "{server} extract secret \"handshake\": secret",
     "IKM line 1147",
      NULL,
      "f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e",
      NULL,
      "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6"},
    {"4", 1165, ROW_DERIVE, TLS_SECRET_client_handshake_traffic_secret,
     "{server} derive secret \"tls13 c hs traffic\": expanded (client_handshake_traffic_secret)",
     "PRK line 1155, hash line 1158",
      "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6",
      "f736cb34fe25e701551bee6fd24c1cc7102a7daf9405cb15d97aafe16f757d03",
      NULL,
      "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f"},
    {"4", 1187, ROW_DERIVE, TLS_SECRET_server_handshake_traffic_secret,
     "{server} derive secret \"tls13 s hs traffic\": expanded (server_handshake_traffic_secret)",
     "PRK line 1170, hash line 1173",
      "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6",
      "f736cb34fe25e701551bee6fd24c1cc7102a7daf9405cb15d97aafe16f757d03",
      NULL,
      "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803"},
    {"4", 1202, ROW_DERIVED, 0,
     "{server} derive secret for master \"tls13 derived\": expanded",
     "PRK line 1192, hash line 1195",
      "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "e2f16030251df0874ba19b9aba257610bc6d531c1dd206df0ca6e84ae2a26742"},
    {"4", 1213, ROW_MASTER_SECRET, 0,
     "{server} extract secret \"master\": secret",
     "IKM line 1210",
      NULL,
      NULL,
      NULL,
      "e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece"},
    {"4", 1246, ROW_KEY, 0,
     "{server} derive write traffic keys for handshake data: key expanded",
     "PRK line 1241",
      NULL,
      "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803",
      NULL,
      "27c6bdc0a3dcea39a47326d79bc9e4ee"},
    {"4", 1251, ROW_IV, 0,
     "{server} derive write traffic keys for handshake data: iv expanded",
     "PRK line 1241",
      NULL,
      "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803",
      NULL,
      "9569ecdd4d0536705e9ef725"},
    {"4", 1269, ROW_FINISHED_KEY, 0,
     "{server} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 1261",
      NULL,
      "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803",
      NULL,
      "4bb74cae7a5dc8914604c0bfbe2f0c062396883922bec8a15e2a9b532a5d392c"},
    {"4", 1272, ROW_VERIFY_DATA, 0,
     "{server} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 1261; transcript: payload@972 ServerHello@1110 EncryptedExtensions@1255",
      NULL,
      "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803",
      "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc41"
      "9d7876487d95000006130113031302010001cd0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe"
      "051a66b4f18d668f0b002a0000002b0003020304000d0020001e040305030603"
      "020308040805080604010501060102010402050206020202002d00020101001c"
      "0002400100150057000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a"
      "34cb33fa90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a98211"
      "7283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
      "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b"
      "3f7d8f92f228bda40dda721470f9fbf297b5aea617646fac5c03272e970727c6"
      "21a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb002120"
      "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d"
      "0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea512"
      "2495f559ea2d00130100003400290002000000330024001d0020121761ee42c3"
      "33e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31002b00020304"
      "080000280026000a00140012001d00170018001901000101010201030104001c"
      "0002400100000000002a0000",
      "48d3e0e1b3d907c6acff145e16090388c77b05c050b634ab1a88bbd0dd1a34b2"},
    {"4", 1322, ROW_DERIVE, TLS_SECRET_client_application_traffic_secret_0,
     "{server} derive secret \"tls13 c ap traffic\": expanded (client_application_traffic_secret_0)",
     "PRK line 1312, hash line 1315",
      "e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece",
      "b0aeffc46a2cfe33114e6fd7d51f9f04b1ca3c497dab08934a774a9d9ad7dbf3",
      NULL,
      "2abbf2b8e381d23dbebe1dd2a7d16a8bf484cb4950d23fb7fb7fa8547062d9a1"},
    {"4", 1337, ROW_DERIVE, TLS_SECRET_server_application_traffic_secret_0,
     "{server} derive secret \"tls13 s ap traffic\": expanded (server_application_traffic_secret_0)",
     "PRK line 1327, hash line 1330",
      "e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece",
      "b0aeffc46a2cfe33114e6fd7d51f9f04b1ca3c497dab08934a774a9d9ad7dbf3",
      NULL,
      "cc21f1bf8feb7dd5fa505bd9c4b468a9984d554a993dc49e6d285598fb672691"},
    {"4", 1363, ROW_DERIVE, TLS_SECRET_exporter_master_secret,
     "{server} derive secret \"tls13 exp master\": expanded (exporter_master_secret)",
     "PRK line 1353, hash line 1356",
      "e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece",
      "b0aeffc46a2cfe33114e6fd7d51f9f04b1ca3c497dab08934a774a9d9ad7dbf3",
      NULL,
      "3fd93d4ffddc98e64b14dd107aedf8ee4add23f4510f58a4592d0b201bee56b4"},
    {"4", 1373, ROW_KEY, 0,
     "{server} derive write traffic keys for application data: key expanded",
     "PRK line 1368",
      NULL,
      "cc21f1bf8feb7dd5fa505bd9c4b468a9984d554a993dc49e6d285598fb672691",
      NULL,
      "e857c690a34c5a9129d833619684f95e"},
    {"4", 1378, ROW_IV, 0,
     "{server} derive write traffic keys for application data: iv expanded",
     "PRK line 1368",
      NULL,
      "cc21f1bf8feb7dd5fa505bd9c4b468a9984d554a993dc49e6d285598fb672691",
      NULL,
      "0685d6b561aab9ef1013faf9"},
    {"4", 1395, ROW_DERIVED, 0,
     "{client} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 1385, hash line 1388",
      "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "5f1790bbd82c5e7d376ed2e1e52f8e6038c9346db61b43be9a52f77ef3998e80"},
    {"4", 1447, ROW_KEY, 0,
     "{client} derive write traffic keys for handshake data: key expanded",
     "PRK line 1442",
      NULL,
      "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f",
      NULL,
      "b1530806f4adfeac83f1413032bbfa82"},
    {"4", 1452, ROW_IV, 0,
     "{client} derive write traffic keys for handshake data: iv expanded",
     "PRK line 1442",
      NULL,
      "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f",
      NULL,
      "eb50c16be7654abf99dd06d9"},
    {"4", 1476, ROW_FINISHED_KEY, 0,
     "{client} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 1468",
      NULL,
      "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f",
      NULL,
      "5ace394c26980d581243f627d1150ae27e37fa52364e0a7f20ac686d09cd0e8e"},
    {"4", 1479, ROW_VERIFY_DATA, 0,
     "{client} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 1468; transcript: payload@972 ServerHello@1110 EncryptedExtensions@1255 Finished@1277 EndOfEarlyData@1431",
      NULL,
      "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f",
      "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc41"
      "9d7876487d95000006130113031302010001cd0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe"
      "051a66b4f18d668f0b002a0000002b0003020304000d0020001e040305030603"
      "020308040805080604010501060102010402050206020202002d00020101001c"
      "0002400100150057000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a"
      "34cb33fa90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a98211"
      "7283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
      "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b"
      "3f7d8f92f228bda40dda721470f9fbf297b5aea617646fac5c03272e970727c6"
      "21a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb002120"
      "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d"
      "0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea512"
      "2495f559ea2d00130100003400290002000000330024001d0020121761ee42c3"
      "33e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31002b00020304"
      "080000280026000a00140012001d00170018001901000101010201030104001c"
      "0002400100000000002a00001400002048d3e0e1b3d907c6acff145e16090388"
      "c77b05c050b634ab1a88bbd0dd1a34b205000000",
      "7230a9c952c25cd6138fc5e6628308c41c5335dd81b9f96bcea50fd32bda416d"},
    {"4", 1505, ROW_KEY, 0,
     "{client} derive write traffic keys for application data: key expanded",
     "PRK line 1500",
      NULL,
      "2abbf2b8e381d23dbebe1dd2a7d16a8bf484cb4950d23fb7fb7fa8547062d9a1",
      NULL,
      "3cf122f301c6358ca7989553250efd72"},
    {"4", 1510, ROW_IV, 0,
     "{client} derive write traffic keys for application data: iv expanded",
     "PRK line 1500",
      NULL,
      "2abbf2b8e381d23dbebe1dd2a7d16a8bf484cb4950d23fb7fb7fa8547062d9a1",
      NULL,
      "ab1aec26aa78b8fc1176b9ac"},
    {"4", 1531, ROW_DERIVE, TLS_SECRET_resumption_master_secret,
     "{client} derive secret \"tls13 res master\": expanded (resumption_master_secret)",
     "PRK line 1521, hash line 1524",
      "e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece",
      "c3c122e0bd907a4a3ff6112d8fd53dbf89c773d9552e8b6b9d56d361b3a97bf6",
      NULL,
      "5e95bdf1f89005ea2e9aa0ba85e728e3c19c5fe0c699e3f5bee59faebd0b5406"},
    {"5", 1813, ROW_EARLY_SECRET, 0,
     "{server} extract secret \"early\": secret",
     "IKM line 1810",
      NULL,
      NULL,
      NULL,
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"},
    {"5", 1855, ROW_DERIVED, 0,
     "{server} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 1838, hash line 1841",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"5", 1866, ROW_HANDSHAKE_SECRET, 0,
     "{server} extract secret \"handshake\": secret",
     "IKM line 1863",
      NULL,
      "c142ce13ca11b5c2233652e63ad3d97844f1621fbfb9de69d547dc8fedeabeb4",
      NULL,
      "ce022e5e6e81e50736d773f2d3adfce8220d049bf510f0dbfac927ef4243b148"},
    {"5", 1881, ROW_DERIVE, TLS_SECRET_client_handshake_traffic_secret,
     "{server} derive secret \"tls13 c hs traffic\": expanded (client_handshake_traffic_secret)",
     "PRK line 1871, hash line 1874",
      "ce022e5e6e81e50736d773f2d3adfce8220d049bf510f0dbfac927ef4243b148",
      "8aa8e828ec2f8a884fec95a3139de01c15a3daa7ff5bfc3f4bfcc21b438d7bf8",
      NULL,
      "158aa7ab8855073582b41d674b4055cabcc534728f659314861b4e08e2011566"},
    {"5", 1896, ROW_DERIVE, TLS_SECRET_server_handshake_traffic_secret,
     "{server} derive secret \"tls13 s hs traffic\": expanded (server_handshake_traffic_secret)",
     "PRK line 1886, hash line 1889",
      "ce022e5e6e81e50736d773f2d3adfce8220d049bf510f0dbfac927ef4243b148",
      "8aa8e828ec2f8a884fec95a3139de01c15a3daa7ff5bfc3f4bfcc21b438d7bf8",
      NULL,
      "3403e781e2af7b6508da28574f6e95a1abf162de83a97927c37672a4a0cef8a1"},
    {"5", 1918, ROW_DERIVED, 0,
     "{server} derive secret for master \"tls13 derived\": expanded",
     "PRK line 1901, hash line 1911",
      "ce022e5e6e81e50736d773f2d3adfce8220d049bf510f0dbfac927ef4243b148",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "ad1cbcd3a0dc7053eeb3ed3a47901d16a9fc63a73c64beb567481a7dfb3a2cb3"},
    {"5", 1929, ROW_MASTER_SECRET, 0,
     "{server} extract secret \"master\": secret",
     "IKM line 1926",
      NULL,
      NULL,
      NULL,
      "1131545d0baf79ddce9b87f06945781a57dd18ef378dcd2060f8f9a569027ed8"},
    {"5", 1957, ROW_KEY, 0,
     "{server} derive write traffic keys for handshake data: key expanded",
     "PRK line 1952",
      NULL,
      "3403e781e2af7b6508da28574f6e95a1abf162de83a97927c37672a4a0cef8a1",
      NULL,
      "4646bfac1712c426cd78d8a24a8a6f6b"},
    {"5", 1969, ROW_IV, 0,
     "{server} derive write traffic keys for handshake data: iv expanded",
     "PRK line 1952",
      NULL,
      "3403e781e2af7b6508da28574f6e95a1abf162de83a97927c37672a4a0cef8a1",
      NULL,
      "c7d395c08d62f297d13768ea"},
    {"5", 2028, ROW_FINISHED_KEY, 0,
     "{server} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 2013",
      NULL,
      "3403e781e2af7b6508da28574f6e95a1abf162de83a97927c37672a4a0cef8a1",
      NULL,
      "e7f8bb3ea4b6c30c4710b3d09c3313658117e70b097e850368e2510ca5631f74"},
    {"5", 2031, ROW_VERIFY_DATA, 0,
     "{server} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 2013; transcript: message_hash(line 1609) ServerHello@1656 ClientHello@1710 ServerHello@1828 EncryptedExtensions@1973 Certificate@1978 CertificateVerify@2003",
      "010000b00303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee92"
      "58a346677b6f000006130113031302010000810000000b000900000673657276"
      "6572ff01000100000a00080006001d00170018003300260024001d0020e8e8e3"
      "f3b93a25ed97a14a7dcacb8a272c6288e585c6484d05262fcad062ad1f002b00"
      "03020304000d0020001e04030503060302030804080508060401050106010201"
      "0402050206020202002d00020101001c00024001",
      "3403e781e2af7b6508da28574f6e95a1abf162de83a97927c37672a4a0cef8a1",
      "020000ac0303cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e"
      "09e2c8a8339c001301000084003300020017002c0074007271dcd04bb88bc318"
      "9119398a00000000eefafc76c146b823b096f8aacad365dd0030953f4edf6256"
      "36e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d"
      "6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4c0342267e8ca0c"
      "af571fb2b7cff0f934b0002b00020304010001fc0303b0b1c5a5aa37c5919f2e"
      "d1d5c6fff7fcb7849716945a2b8cee9258a346677b6f00000613011303130201"
      "0001cd0000000b0009000006736572766572ff01000100000a00080006001d00"
      "1700180033004700450017004104a6da7392ec591e17abfd535964b99894d13b"
      "efb221b3def2ebe3830eac8f0151812677c4d6d2237e85cf01d6910cfb83954e"
      "76ba7352830534159897e8065780002b0003020304000d0020001e0403050306"
      "03020308040805080604010501060102010402050206020202002c0074007271"
      "dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd00"
      "30953f4edf625636e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e"
      "8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4"
      "c0342267e8ca0caf571fb2b7cff0f934b0002d00020101001c00024001001500"
      "af00000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "00000000000000000000000000000000020000770303bb341d847fd789c47c38"
      "7172dc0c9bf147fccacb5043d86ca4c598d3ff571b9800130100004f00330045"
      "0017004104583e054b7a66672ae020ad9d2686fcc85b5ad41a134a0f03ee72b8"
      "93052bd85b4c8de6776f5b04ac07d83540eab3e3d9c547bc6528c4317d294686"
      "093a6cad7d002b00020304080000180016000a0008000600170018001d001c00"
      "024001000000000b0001b9000001b50001b0308201ac30820115a00302010202"
      "0102300d06092a864886f70d01010b0500300e310c300a060355040313037273"
      "61301e170d3136303733303031323335395a170d323630373330303132333539"
      "5a300e310c300a0603550403130372736130819f300d06092a864886f70d0101"
      "01050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c"
      "68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa"
      "6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a"
      "5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a80"
      "02c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d130402"
      "3000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381"
      "810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a59436"
      "5417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd33"
      "5e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2b"
      "d5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b"
      "4de100000f0000840804008033ab13d4462707231b5dcae6c8190b63d1dabc74"
      "f28c395370da0b07e5b83066d0246a31acd95df475bfd799a4a70d33ad93d3a3"
      "17a9b2c0d237a5685b219e774112e391a247607d1aeff1bbd0a39f382ee1a5fe"
      "88ae99ec59228e6497e45d48ce275a6d5ef40d169fb6f9d33b052ed3dcdd6b5a"
      "48baafffbcb290128415bd38",
      "8863e6bfb0420a927fa27f34336a70ae426e968e3eb884945b96856dba3976d1"},
    {"5", 2139, ROW_DERIVE, TLS_SECRET_client_application_traffic_secret_0,
     "{server} derive secret \"tls13 c ap traffic\": expanded (client_application_traffic_secret_0)",
     "PRK line 2119, hash line 2122",
      "1131545d0baf79ddce9b87f06945781a57dd18ef378dcd2060f8f9a569027ed8",
      "50f63cbf36b0dd049e7a0ba27d6455745ea2aaac54bb167f9950b2b7ce9509da",
      NULL,
      "75ecf4b972525aa0dcd057c9944d4cd5d82671d8843141d7dc2a4ff15a21dc51"},
    {"5", 2154, ROW_DERIVE, TLS_SECRET_server_application_traffic_secret_0,
     "{server} derive secret \"tls13 s ap traffic\": expanded (server_application_traffic_secret_0)",
     "PRK line 2144, hash line 2147",
      "1131545d0baf79ddce9b87f06945781a57dd18ef378dcd2060f8f9a569027ed8",
      "50f63cbf36b0dd049e7a0ba27d6455745ea2aaac54bb167f9950b2b7ce9509da",
      NULL,
      "5c74f87df04225db0f8209c9de6429e49435fdefa7cad61864874d12f31cfc8d"},
    {"5", 2169, ROW_DERIVE, TLS_SECRET_exporter_master_secret,
     "{server} derive secret \"tls13 exp master\": expanded (exporter_master_secret)",
     "PRK line 2159, hash line 2162",
      "1131545d0baf79ddce9b87f06945781a57dd18ef378dcd2060f8f9a569027ed8",
      "50f63cbf36b0dd049e7a0ba27d6455745ea2aaac54bb167f9950b2b7ce9509da",
      NULL,
      "7c06d3ae106a3a374ace4837b3985cac67780a6e2c5c04b58319d584df09d223"},
    {"5", 2179, ROW_KEY, 0,
     "{server} derive write traffic keys for application data: key expanded",
     "PRK line 2174",
      NULL,
      "5c74f87df04225db0f8209c9de6429e49435fdefa7cad61864874d12f31cfc8d",
      NULL,
      "f27a5d97bd25550c4823b0f3e5d29388"},
    {"5", 2191, ROW_IV, 0,
     "{server} derive write traffic keys for application data: iv expanded",
     "PRK line 2174",
      NULL,
      "5c74f87df04225db0f8209c9de6429e49435fdefa7cad61864874d12f31cfc8d",
      NULL,
      "0dd631f7b71cbbc797c35fe7"},
    {"5", 2200, ROW_KEY, 0,
     "{server} derive read traffic keys for handshake data: key expanded",
     "PRK line 2195",
      NULL,
      "158aa7ab8855073582b41d674b4055cabcc534728f659314861b4e08e2011566",
      NULL,
      "2f1f918663d590e7421149a29d94b0b6"},
    {"5", 2205, ROW_IV, 0,
     "{server} derive read traffic keys for handshake data: iv expanded",
     "PRK line 2195",
      NULL,
      "158aa7ab8855073582b41d674b4055cabcc534728f659314861b4e08e2011566",
      NULL,
      "414d5485235e1a688793bd74"},
    {"5", 2221, ROW_DERIVED, 0,
     "{client} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 2211, hash line 2214",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"5", 2269, ROW_FINISHED_KEY, 0,
     "{client} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 2261",
      NULL,
      "158aa7ab8855073582b41d674b4055cabcc534728f659314861b4e08e2011566",
      NULL,
      "81be4131fbb9b6f4471450846f74fd1e68c5224ba7c2a8677f5c53ad226fdc13"},
    {"5", 2272, ROW_VERIFY_DATA, 0,
     "{client} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 2261; transcript: message_hash(line 1609) ServerHello@1656 ClientHello@1710 ServerHello@1828 EncryptedExtensions@1973 Certificate@1978 CertificateVerify@2003 Finished@2036",
      "010000b00303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee92"
      "58a346677b6f000006130113031302010000810000000b000900000673657276"
      "6572ff01000100000a00080006001d00170018003300260024001d0020e8e8e3"
      "f3b93a25ed97a14a7dcacb8a272c6288e585c6484d05262fcad062ad1f002b00"
      "03020304000d0020001e04030503060302030804080508060401050106010201"
      "0402050206020202002d00020101001c00024001",
      "158aa7ab8855073582b41d674b4055cabcc534728f659314861b4e08e2011566",
      "020000ac0303cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e"
      "09e2c8a8339c001301000084003300020017002c0074007271dcd04bb88bc318"
      "9119398a00000000eefafc76c146b823b096f8aacad365dd0030953f4edf6256"
      "36e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d"
      "6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4c0342267e8ca0c"
      "af571fb2b7cff0f934b0002b00020304010001fc0303b0b1c5a5aa37c5919f2e"
      "d1d5c6fff7fcb7849716945a2b8cee9258a346677b6f00000613011303130201"
      "0001cd0000000b0009000006736572766572ff01000100000a00080006001d00"
      "1700180033004700450017004104a6da7392ec591e17abfd535964b99894d13b"
      "efb221b3def2ebe3830eac8f0151812677c4d6d2237e85cf01d6910cfb83954e"
      "76ba7352830534159897e8065780002b0003020304000d0020001e0403050306"
      "03020308040805080604010501060102010402050206020202002c0074007271"
      "dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd00"
      "30953f4edf625636e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e"
      "8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4"
      "c0342267e8ca0caf571fb2b7cff0f934b0002d00020101001c00024001001500"
      "af00000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000"
      "00000000000000000000000000000000020000770303bb341d847fd789c47c38"
      "7172dc0c9bf147fccacb5043d86ca4c598d3ff571b9800130100004f00330045"
      "0017004104583e054b7a66672ae020ad9d2686fcc85b5ad41a134a0f03ee72b8"
      "93052bd85b4c8de6776f5b04ac07d83540eab3e3d9c547bc6528c4317d294686"
      "093a6cad7d002b00020304080000180016000a0008000600170018001d001c00"
      "024001000000000b0001b9000001b50001b0308201ac30820115a00302010202"
      "0102300d06092a864886f70d01010b0500300e310c300a060355040313037273"
      "61301e170d3136303733303031323335395a170d323630373330303132333539"
      "5a300e310c300a0603550403130372736130819f300d06092a864886f70d0101"
      "01050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c"
      "68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa"
      "6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a"
      "5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a80"
      "02c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d130402"
      "3000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381"
      "810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a59436"
      "5417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd33"
      "5e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2b"
      "d5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b"
      "4de100000f0000840804008033ab13d4462707231b5dcae6c8190b63d1dabc74"
      "f28c395370da0b07e5b83066d0246a31acd95df475bfd799a4a70d33ad93d3a3"
      "17a9b2c0d237a5685b219e774112e391a247607d1aeff1bbd0a39f382ee1a5fe"
      "88ae99ec59228e6497e45d48ce275a6d5ef40d169fb6f9d33b052ed3dcdd6b5a"
      "48baafffbcb290128415bd38140000208863e6bfb0420a927fa27f34336a70ae"
      "426e968e3eb884945b96856dba3976d1",
      "23f52fdb0709a55bd7f79b991f25484087bcfd4d4380b12326a52a28b2e368e1"},
    {"5", 2305, ROW_KEY, 0,
     "{client} derive write traffic keys for application data: key expanded",
     "PRK line 2293",
      NULL,
      "75ecf4b972525aa0dcd057c9944d4cd5d82671d8843141d7dc2a4ff15a21dc51",
      NULL,
      "a7eb2a0525eb4331d58fcbf9f7ca2e9c"},
    {"5", 2310, ROW_IV, 0,
     "{client} derive write traffic keys for application data: iv expanded",
     "PRK line 2293",
      NULL,
      "75ecf4b972525aa0dcd057c9944d4cd5d82671d8843141d7dc2a4ff15a21dc51",
      NULL,
      "86e8be227c1bd2b3e39cb444"},
    {"5", 2324, ROW_DERIVE, TLS_SECRET_resumption_master_secret,
     "{client} derive secret \"tls13 res master\": expanded (resumption_master_secret)",
     "PRK line 2314, hash line 2317",
      "1131545d0baf79ddce9b87f06945781a57dd18ef378dcd2060f8f9a569027ed8",
      "0e8b349158b855fdcd0c11dbbc4e83e43caa6e483c6c65df53151888e50165f4",
      NULL,
      "09170c6d472721566f9cf99b08699daff561ec8fb22d5a32c3f94ce009b69975"},
    {"6", 2427, ROW_EARLY_SECRET, 0,
     "{server} extract secret \"early\": secret",
     "IKM line 2424",
      NULL,
      NULL,
      NULL,
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"},
    {"6", 2458, ROW_DERIVED, 0,
     "{server} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 2448, hash line 2451",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"6", 2479, ROW_HANDSHAKE_SECRET, 0,
     "{server} extract secret \"handshake\": secret",
     "IKM line 2476",
      NULL,
      "7dc114f6475dfa7977be736ef7cbebc48c70329e8e9a74b4d7033c43f9597d4f",
      NULL,
      "d995243674fb6400d7d37bc0e9861bdbd9ed095601dcf2994874f2803de22e39"},
    {"6", 2494, ROW_DERIVE, TLS_SECRET_client_handshake_traffic_secret,
     "{server} derive secret \"tls13 c hs traffic\": expanded (client_handshake_traffic_secret)",
     "PRK line 2484, hash line 2487",
      "d995243674fb6400d7d37bc0e9861bdbd9ed095601dcf2994874f2803de22e39",
      "88ebc042bd0d5a643b22fca7a47defd4007dfe184949a6261c596c4e002a74a2",
      NULL,
      "cec7a30c6872070f22a7eeb065768db67c45e29533db879908ce6dc66f5911de"},
    {"6", 2509, ROW_DERIVE, TLS_SECRET_server_handshake_traffic_secret,
     "{server} derive secret \"tls13 s hs traffic\": expanded (server_handshake_traffic_secret)",
     "PRK line 2499, hash line 2502",
      "d995243674fb6400d7d37bc0e9861bdbd9ed095601dcf2994874f2803de22e39",
      "88ebc042bd0d5a643b22fca7a47defd4007dfe184949a6261c596c4e002a74a2",
      NULL,
      "8b02d3c00442a2722c4098ebe8675b23e801510f0d7ed778d8eb0b8f42a19a5e"},
    {"6", 2531, ROW_DERIVED, 0,
     "{server} derive secret for master \"tls13 derived\": expanded",
     "PRK line 2514, hash line 2517",
      "d995243674fb6400d7d37bc0e9861bdbd9ed095601dcf2994874f2803de22e39",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "74575526b07c81a9c1b17e6b34e0e6d084747a61f396f597ebb92c0736ec60e8"},
    {"6", 2542, ROW_MASTER_SECRET, 0,
     "{server} extract secret \"master\": secret",
     "IKM line 2539",
      NULL,
      NULL,
      NULL,
      "57c15d7b9d441b3d40a9c6ea8a3d730e07b3a1ea7a3339ed7070b9a74a3f4f28"},
    {"6", 2566, ROW_KEY, 0,
     "{server} derive write traffic keys for handshake data: key expanded",
     "PRK line 2561",
      NULL,
      "8b02d3c00442a2722c4098ebe8675b23e801510f0d7ed778d8eb0b8f42a19a5e",
      NULL,
      "6cb6e60619d8c7355c5d4c4bc2be90d5"},
    {"6", 2571, ROW_IV, 0,
     "{server} derive write traffic keys for handshake data: iv expanded",
     "PRK line 2561",
      NULL,
      "8b02d3c00442a2722c4098ebe8675b23e801510f0d7ed778d8eb0b8f42a19a5e",
      NULL,
      "64f239530c3b888fde85e0be"},
    {"6", 2639, ROW_FINISHED_KEY, 0,
     "{server} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 2624",
      NULL,
      "8b02d3c00442a2722c4098ebe8675b23e801510f0d7ed778d8eb0b8f42a19a5e",
      NULL,
      "4e795cde239d5e190eae441b9e716eeb138549058cdb76fa9aeeaf548aef563e"},
    {"6", 2642, ROW_VERIFY_DATA, 0,
     "{server} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 2624; transcript: ClientHello@2377 ServerHello@2440 EncryptedExtensions@2585 CertificateRequest@2591 Certificate@2597 CertificateVerify@2616",
      NULL,
      "8b02d3c00442a2722c4098ebe8675b23e801510f0d7ed778d8eb0b8f42a19a5e",
      "010000bc03036a472236328b83af40386d3a3e1f1ce624fa4ed89ab865a4ff0f"
      "4144ce3ae2330000061301130313020100008d0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d0020089cc2671f738d9a671e5b2e464981d05b76e361aa22ae"
      "a91f1d49ca10a7a362002b0003020304000d0020001e04030503060302030804"
      "0805080604010501060102010402050206020202002d00020101001c00024001"
      "0200005603033b50fdf1c3d572e40e68953e7fff4e2758459c59afa0582c0ea0"
      "32874255fe6e00130100002e00330024001d00206c2e50e865919a6b5a12dfaf"
      "918f92b442567b0f89bc54478c6921366658f062002b00020304080000240022"
      "000a00140012001d00170018001901000101010201030104001c000240010000"
      "00000d000027000024000d0020001e0403050306030203080408050806040105"
      "010601020104020502060202020b00013b000001370001323082012e3081d5a0"
      "03020102020107300a06082a8648ce3d04030230133111300f06035504031308"
      "6563647361323536301e170d3136303733303031323430305a170d3236303733"
      "303031323430305a30133111300f060355040313086563647361323536305930"
      "1306072a8648ce3d020106082a8648ce3d0301070342000408d530161575f4cf"
      "e7f154ee3448180086001e88431a79ee62ee6e2f83ef38ba61e9fb37f34e007a"
      "7df4d2f5b56d1f04ece45d621f468406f5c3a15158948dd0a31a301830090603"
      "551d1304023000300b0603551d0f040403020780300a06082a8648ce3d040302"
      "0348003045022100df30fd4507f5edd22c1a6ff86db479ca693feeca3b71b3f9"
      "ef556b2937c0594d022062e2a47250d320fea83c7e2dcb5b76a50e0200c09adb"
      "d13fee946e513e011d1100000f00004b040300473045022100d7a4d34bd54f55"
      "fee1a89625678c3dd5e5f60dac73ec940c5c7b9304a02084a90220289f595ed4"
      "88b9ac689a3d192b1a8bb38f34af7874c059c9806a1f38269353e8",
      "93b70cdf4781985b96345caac701b4e750d3042df1a689d8faca812251113c11"},
    {"6", 2727, ROW_DERIVE, TLS_SECRET_client_application_traffic_secret_0,
     "{server} derive secret \"tls13 c ap traffic\": expanded (client_application_traffic_secret_0)",
     "PRK line 2717, hash line 2720",
      "57c15d7b9d441b3d40a9c6ea8a3d730e07b3a1ea7a3339ed7070b9a74a3f4f28",
      "5177a29af5a17f9b4933e431851d128345366c1720d38f8f0465eeeae6740372",
      NULL,
      "73c2e890fa8d067258d6d50fa92fe456b098cf00d9727eed91e8892ef4e6f860"},
    {"6", 2751, ROW_DERIVE, TLS_SECRET_server_application_traffic_secret_0,
     "{server} derive secret \"tls13 s ap traffic\": expanded (server_application_traffic_secret_0)",
     "PRK line 2732, hash line 2735",
      "57c15d7b9d441b3d40a9c6ea8a3d730e07b3a1ea7a3339ed7070b9a74a3f4f28",
      "5177a29af5a17f9b4933e431851d128345366c1720d38f8f0465eeeae6740372",
      NULL,
      "c49a91faf57f8c545d5048a015bf849ff63942e4a7edcd319f8b438a97c52e21"},
    {"6", 2766, ROW_DERIVE, TLS_SECRET_exporter_master_secret,
     "{server} derive secret \"tls13 exp master\": expanded (exporter_master_secret)",
     "PRK line 2756, hash line 2759",
      "57c15d7b9d441b3d40a9c6ea8a3d730e07b3a1ea7a3339ed7070b9a74a3f4f28",
      "5177a29af5a17f9b4933e431851d128345366c1720d38f8f0465eeeae6740372",
      NULL,
      "052e39795e5f2be6e4e0974cfdd86c6a7afe3e57e5589810a3cccf642958beb2"},
    {"6", 2776, ROW_KEY, 0,
     "{server} derive write traffic keys for application data: key expanded",
     "PRK line 2771",
      NULL,
      "c49a91faf57f8c545d5048a015bf849ff63942e4a7edcd319f8b438a97c52e21",
      NULL,
      "88b3123ddecadf8c1ba298e2c18176b0"},
    {"6", 2781, ROW_IV, 0,
     "{server} derive write traffic keys for application data: iv expanded",
     "PRK line 2771",
      NULL,
      "c49a91faf57f8c545d5048a015bf849ff63942e4a7edcd319f8b438a97c52e21",
      NULL,
      "4e0978513f9de8327c08e4f3"},
    {"6", 2790, ROW_KEY, 0,
     "{server} derive read traffic keys for handshake data: key expanded",
     "PRK line 2785",
      NULL,
      "cec7a30c6872070f22a7eeb065768db67c45e29533db879908ce6dc66f5911de",
      NULL,
      "916948f728d9823fa41a004d083f217f"},
    {"6", 2795, ROW_IV, 0,
     "{server} derive read traffic keys for handshake data: iv expanded",
     "PRK line 2785",
      NULL,
      "cec7a30c6872070f22a7eeb065768db67c45e29533db879908ce6dc66f5911de",
      NULL,
      "64153d79bac9ea10ca5a0a88"},
    {"6", 2819, ROW_DERIVED, 0,
     "{client} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 2809, hash line 2812",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"6", 2903, ROW_FINISHED_KEY, 0,
     "{client} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 2895",
      NULL,
      "cec7a30c6872070f22a7eeb065768db67c45e29533db879908ce6dc66f5911de",
      NULL,
      "4fddd76bbcb8e30c7261b1db401bb136ed39bce6a4815a2124476e27e6cbcbf6"},
    {"6", 2906, ROW_VERIFY_DATA, 0,
     "{client} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 2895; transcript: ClientHello@2377 ServerHello@2440 EncryptedExtensions@2585 CertificateRequest@2591 Certificate@2597 CertificateVerify@2616 Finished@2647 Certificate@2852 CertificateVerify@2885",
      NULL,
      "cec7a30c6872070f22a7eeb065768db67c45e29533db879908ce6dc66f5911de",
      "010000bc03036a472236328b83af40386d3a3e1f1ce624fa4ed89ab865a4ff0f"
      "4144ce3ae2330000061301130313020100008d0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d0020089cc2671f738d9a671e5b2e464981d05b76e361aa22ae"
      "a91f1d49ca10a7a362002b0003020304000d0020001e04030503060302030804"
      "0805080604010501060102010402050206020202002d00020101001c00024001"
      "0200005603033b50fdf1c3d572e40e68953e7fff4e2758459c59afa0582c0ea0"
      "32874255fe6e00130100002e00330024001d00206c2e50e865919a6b5a12dfaf"
      "918f92b442567b0f89bc54478c6921366658f062002b00020304080000240022"
      "000a00140012001d00170018001901000101010201030104001c000240010000"
      "00000d000027000024000d0020001e0403050306030203080408050806040105"
      "010601020104020502060202020b00013b000001370001323082012e3081d5a0"
      "03020102020107300a06082a8648ce3d04030230133111300f06035504031308"
      "6563647361323536301e170d3136303733303031323430305a170d3236303733"
      "303031323430305a30133111300f060355040313086563647361323536305930"
      "1306072a8648ce3d020106082a8648ce3d0301070342000408d530161575f4cf"
      "e7f154ee3448180086001e88431a79ee62ee6e2f83ef38ba61e9fb37f34e007a"
      "7df4d2f5b56d1f04ece45d621f468406f5c3a15158948dd0a31a301830090603"
      "551d1304023000300b0603551d0f040403020780300a06082a8648ce3d040302"
      "0348003045022100df30fd4507f5edd22c1a6ff86db479ca693feeca3b71b3f9"
      "ef556b2937c0594d022062e2a47250d320fea83c7e2dcb5b76a50e0200c09adb"
      "d13fee946e513e011d1100000f00004b040300473045022100d7a4d34bd54f55"
      "fee1a89625678c3dd5e5f60dac73ec940c5c7b9304a02084a90220289f595ed4"
      "88b9ac689a3d192b1a8bb38f34af7874c059c9806a1f38269353e81400002093"
      "b70cdf4781985b96345caac701b4e750d3042df1a689d8faca812251113c110b"
      "0001bf000001bb0001b6308201b23082011ba003020102020101300d06092a86"
      "4886f70d01010b05003011310f300d06035504031306636c69656e74301e170d"
      "3136303733303031323335395a170d3236303733303031323335395a3011310f"
      "300d06035504031306636c69656e7430819f300d06092a864886f70d01010105"
      "0003818d0030818902818100c38175e004a68d093f823b9c379d201fbc0bb7a1"
      "c791905e3fbf76847e44e751ebbcd360bd945c81e5222bcc8846d3a8a0f93e9b"
      "f5bebabd92edf1de1ff19021703e7ab6c0901513f97e39b111f09c9348971c7b"
      "211984a754cd45fe095af0ea4236829bccf7a7fe9b2888e78ab477690a5b9e1c"
      "cbe91c6a4a0f97a7e02842010203010001a31a301830090603551d1304023000"
      "300b0603551d0f040403020780300d06092a864886f70d01010b050003818100"
      "1a7a5a018532b022af0767d486160cff2d167a1915d23835b54594916dc680be"
      "5d2e626076c5d52722ebcc775d7d99f980be2fc94d34acf6cc00ba90cbcfb060"
      "8aa1e7e3971ef0c07a41d47ad8345d1f81fe418a1cf41054429fd217bd777dc1"
      "cf08f05df90799c659361e0f1a8ee4ac0f7897420bdbc823da80a2f2ba23081c"
      "00000f00008408040080186b2223b503a759c35dba0e9721b4b579138d5f0f5e"
      "6ec7feaaf27f3ad7f386c2c7bd7cb2be52fbf5ed8393f406ee79369692ec7ac6"
      "95651d858219e672a8eb7b2a677b640b46ab630edc5f3f2f8272b9c0d906f81f"
      "84ddc5b8c7bcf955c78a3cf99e5016f73e04eb7dfcb28833f13e8f75ec2ff358"
      "1e2f098ad4157fd6d6ad",
      "9afe2ba2f63a09d229d8a429e5b37ffd9fcc73bdb5911b82425972aa2892440f"},
    {"6", 3006, ROW_KEY, 0,
     "{client} derive write traffic keys for application data: key expanded",
     "PRK line 3001",
      NULL,
      "73c2e890fa8d067258d6d50fa92fe456b098cf00d9727eed91e8892ef4e6f860",
      NULL,
      "cdc09c806aa8f86dfcd51efc44a0c039"},
    {"6", 3011, ROW_IV, 0,
     "{client} derive write traffic keys for application data: iv expanded",
     "PRK line 3001",
      NULL,
      "73c2e890fa8d067258d6d50fa92fe456b098cf00d9727eed91e8892ef4e6f860",
      NULL,
      "6ef852e78b46d913668e53e7"},
    {"6", 3035, ROW_DERIVE, TLS_SECRET_resumption_master_secret,
     "{client} derive secret \"tls13 res master\": expanded (resumption_master_secret)",
     "PRK line 3015, hash line 3018",
      "57c15d7b9d441b3d40a9c6ea8a3d730e07b3a1ea7a3339ed7070b9a74a3f4f28",
      "391d004bd84c831b1582444414b4dc8064010ecc76f37f88bfeb1e88fe135c25",
      NULL,
      "1006dccbf40eb4eb978bff0392a9e452a4fbad58aa14784d5a241c6b49daccfb"},
    {"7", 3130, ROW_EARLY_SECRET, 0,
     "{server} extract secret \"early\": secret",
     "IKM line 3127",
      NULL,
      NULL,
      NULL,
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"},
    {"7", 3206, ROW_DERIVED, 0,
     "{server} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 3187, hash line 3199",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"7", 3217, ROW_HANDSHAKE_SECRET, 0,
     "{server} extract secret \"handshake\": secret",
     "IKM line 3214",
      NULL,
      "eef790559077db5bb63b6684e4169f051e8fb34ce59bafce2f9c8ee68cc4eb79",
      NULL,
      "f91761354a67e9b07c6dcc3a55707efa69c4519d8040e5f215121e0df69afa4a"},
    {"7", 3232, ROW_DERIVE, TLS_SECRET_client_handshake_traffic_secret,
     "{server} derive secret \"tls13 c hs traffic\": expanded (client_handshake_traffic_secret)",
     "PRK line 3222, hash line 3225",
      "f91761354a67e9b07c6dcc3a55707efa69c4519d8040e5f215121e0df69afa4a",
      "745c55bac399310b7b5a7c81a2c130b4d56dff6f68c3ab477857601e01f1f8d1",
      NULL,
      "2c3cb24a1081edb59518ee6861e89a6b72b3801afe7713e4cbbc21c0795bf831"},
    {"7", 3255, ROW_DERIVE, TLS_SECRET_server_handshake_traffic_secret,
     "{server} derive secret \"tls13 s hs traffic\": expanded (server_handshake_traffic_secret)",
     "PRK line 3237, hash line 3240",
      "f91761354a67e9b07c6dcc3a55707efa69c4519d8040e5f215121e0df69afa4a",
      "745c55bac399310b7b5a7c81a2c130b4d56dff6f68c3ab477857601e01f1f8d1",
      NULL,
      "cace3d555cc1c577cf970cff28cf978d6a9800085442e18d695b50f3151d18c8"},
    {"7", 3270, ROW_DERIVED, 0,
     "{server} derive secret for master \"tls13 derived\": expanded",
     "PRK line 3260, hash line 3263",
      "f91761354a67e9b07c6dcc3a55707efa69c4519d8040e5f215121e0df69afa4a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "5da12dc47835ba73fdd994b14ab7e63cc63f0d79162f6756e9a46756c8b2b642"},
    {"7", 3281, ROW_MASTER_SECRET, 0,
     "{server} extract secret \"master\": secret",
     "IKM line 3278",
      NULL,
      NULL,
      NULL,
      "628112dae2f702488063e42de6c850a5c0820b90903e00abc31875da03d4bc5b"},
    {"7", 3291, ROW_KEY, 0,
     "{server} derive write traffic keys for handshake data: key expanded",
     "PRK line 3286",
      NULL,
      "cace3d555cc1c577cf970cff28cf978d6a9800085442e18d695b50f3151d18c8",
      NULL,
      "041091fdab29f2c8abfb156dc5fc8d54"},
    {"7", 3296, ROW_IV, 0,
     "{server} derive write traffic keys for handshake data: iv expanded",
     "PRK line 3286",
      NULL,
      "cace3d555cc1c577cf970cff28cf978d6a9800085442e18d695b50f3151d18c8",
      NULL,
      "7464d791685de05998fcbadb"},
    {"7", 3356, ROW_FINISHED_KEY, 0,
     "{server} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 3348",
      NULL,
      "cace3d555cc1c577cf970cff28cf978d6a9800085442e18d695b50f3151d18c8",
      NULL,
      "2c9f72f27b81e7df668caccd49371f1286d411e16c8ccc1c0d9aed72cbbdc080"},
    {"7", 3367, ROW_VERIFY_DATA, 0,
     "{server} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 3348; transcript: ClientHello@3075 ServerHello@3153 EncryptedExtensions@3300 Certificate@3313 CertificateVerify@3338",
      NULL,
      "cace3d555cc1c577cf970cff28cf978d6a9800085442e18d695b50f3151d18c8",
      "010000dc03034e640a3f2c2738f09c9418bd78edccd7559d0531199276d4d92a"
      "0e9ee9d77d0920a80c165581a8e0d06c0018d54d3a06dd32cfd4051eb026fad3"
      "fd0ba99269e6ef00061301130313020100008d0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d00208e7292cf3056dbb0d25fcbe55c107dc9bbf83dd9708f39"
      "203ba341249a7d9b63002b0003020304000d0020001e04030503060302030804"
      "0805080604010501060102010402050206020202002d00020101001c00024001"
      "020000760303e5dd5948c435f7a38f0f0130708dc322d9df09abd4838117c183"
      "a7bb6d994f2c20a80c165581a8e0d06c0018d54d3a06dd32cfd4051eb026fad3"
      "fd0ba99269e6ef130100002e00330024001d00203e30f0f4ba551afd62768341"
      "175f5265e4daf0c8841617aa4fafdd2142320c22002b00020304080000240022"
      "000a00140012001d00170018001901000101010201030104001c000240010000"
      "00000b0001b9000001b50001b0308201ac30820115a003020102020102300d06"
      "092a864886f70d01010b0500300e310c300a06035504031303727361301e170d"
      "3136303733303031323335395a170d3236303733303031323335395a300e310c"
      "300a0603550403130372736130819f300d06092a864886f70d01010105000381"
      "8d0030818902818100b4bb498f8279303d980836399b36c6988c0c68de55e1bd"
      "b826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced"
      "43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846"
      "748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6"
      "d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b06"
      "03551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2"
      "a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8"
      "f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2db"
      "f102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b"
      "84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de100000f"
      "00008408040080a2301a68dd1ceee6938fe9d40c46b9201b34d59952a37e0652"
      "3a39cf8ba6c9c8b68ae94492af780516ed7b73c82812e99dd3fabea45e09d9c6"
      "848721c2808c61501b0c75e7fcaba5f78bef68a2c2b69b19558b3e40387eea93"
      "d25c7781c1cc00e9f519f7e2e4adb73e76d66089000a2dc866c2ed30bba50a0d"
      "457f19dc6eb9f3",
      "c8c3a8f1bff5274061f4bc3a7caffbdc9616094ca625caa65f8e76ed46db74d3"},
    {"7", 3465, ROW_DERIVE, TLS_SECRET_client_application_traffic_secret_0,
     "{server} derive secret \"tls13 c ap traffic\": expanded (client_application_traffic_secret_0)",
     "PRK line 3455, hash line 3458",
      "628112dae2f702488063e42de6c850a5c0820b90903e00abc31875da03d4bc5b",
      "0707dcac7b2fa428cc7f691694a2590c806aaa5c0cf5087ed5385012e7f96cd4",
      NULL,
      "743e4c6b56cf3909d1b06d01956ccd2c4b37758449aec41d98dae44924eaa299"},
    {"7", 3491, ROW_DERIVE, TLS_SECRET_server_application_traffic_secret_0,
     "{server} derive secret \"tls13 s ap traffic\": expanded (server_application_traffic_secret_0)",
     "PRK line 3481, hash line 3484",
      "628112dae2f702488063e42de6c850a5c0820b90903e00abc31875da03d4bc5b",
      "0707dcac7b2fa428cc7f691694a2590c806aaa5c0cf5087ed5385012e7f96cd4",
      NULL,
      "b6b8144aa335ed3059c0c9c8f0ecabf7afc94af6643bdecdfd9210188fab7451"},
    {"7", 3506, ROW_DERIVE, TLS_SECRET_exporter_master_secret,
     "{server} derive secret \"tls13 exp master\": expanded (exporter_master_secret)",
     "PRK line 3496, hash line 3499",
      "628112dae2f702488063e42de6c850a5c0820b90903e00abc31875da03d4bc5b",
      "0707dcac7b2fa428cc7f691694a2590c806aaa5c0cf5087ed5385012e7f96cd4",
      NULL,
      "fb69121cea334db459e12272d179baca2369b643d11a6ac72b8b27a5c964feb1"},
    {"7", 3516, ROW_KEY, 0,
     "{server} derive write traffic keys for application data: key expanded",
     "PRK line 3511",
      NULL,
      "b6b8144aa335ed3059c0c9c8f0ecabf7afc94af6643bdecdfd9210188fab7451",
      NULL,
      "edc4cbd0041c28cc7167441d7ca53e6a"},
    {"7", 3521, ROW_IV, 0,
     "{server} derive write traffic keys for application data: iv expanded",
     "PRK line 3511",
      NULL,
      "b6b8144aa335ed3059c0c9c8f0ecabf7afc94af6643bdecdfd9210188fab7451",
      NULL,
      "bf6c7d8e0a9545b427dcf139"},
    {"7", 3537, ROW_KEY, 0,
     "{server} derive read traffic keys for handshake data: key expanded",
     "PRK line 3525",
      NULL,
      "2c3cb24a1081edb59518ee6861e89a6b72b3801afe7713e4cbbc21c0795bf831",
      NULL,
      "62d13c13ffd7402fc1c09e3d163665cb"},
    {"7", 3542, ROW_IV, 0,
     "{server} derive read traffic keys for handshake data: iv expanded",
     "PRK line 3525",
      NULL,
      "2c3cb24a1081edb59518ee6861e89a6b72b3801afe7713e4cbbc21c0795bf831",
      NULL,
      "7166f20028bf146dcfbd5a40"},
    {"7", 3558, ROW_DERIVED, 0,
     "{client} derive secret for handshake \"tls13 derived\": expanded",
     "PRK line 3548, hash line 3551",
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      NULL,
      "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"},
    {"7", 3613, ROW_FINISHED_KEY, 0,
     "{client} calculate finished \"tls13 finished\": expanded (finished_key)",
     "PRK line 3605",
      NULL,
      "2c3cb24a1081edb59518ee6861e89a6b72b3801afe7713e4cbbc21c0795bf831",
      NULL,
      "77341abc8c0ffab5180736713e41d2f665c410a404c8c21edcd948a4440fd80c"},
    {"7", 3616, ROW_VERIFY_DATA, 0,
     "{client} calculate finished \"tls13 finished\": finished (verify_data)",
     "PRK line 3605; transcript: ClientHello@3075 ServerHello@3153 EncryptedExtensions@3300 Certificate@3313 CertificateVerify@3338 Finished@3372",
      NULL,
      "2c3cb24a1081edb59518ee6861e89a6b72b3801afe7713e4cbbc21c0795bf831",
      "010000dc03034e640a3f2c2738f09c9418bd78edccd7559d0531199276d4d92a"
      "0e9ee9d77d0920a80c165581a8e0d06c0018d54d3a06dd32cfd4051eb026fad3"
      "fd0ba99269e6ef00061301130313020100008d0000000b000900000673657276"
      "6572ff01000100000a00140012001d0017001800190100010101020103010400"
      "3300260024001d00208e7292cf3056dbb0d25fcbe55c107dc9bbf83dd9708f39"
      "203ba341249a7d9b63002b0003020304000d0020001e04030503060302030804"
      "0805080604010501060102010402050206020202002d00020101001c00024001"
      "020000760303e5dd5948c435f7a38f0f0130708dc322d9df09abd4838117c183"
      "a7bb6d994f2c20a80c165581a8e0d06c0018d54d3a06dd32cfd4051eb026fad3"
      "fd0ba99269e6ef130100002e00330024001d00203e30f0f4ba551afd62768341"
      "175f5265e4daf0c8841617aa4fafdd2142320c22002b00020304080000240022"
      "000a00140012001d00170018001901000101010201030104001c000240010000"
      "00000b0001b9000001b50001b0308201ac30820115a003020102020102300d06"
      "092a864886f70d01010b0500300e310c300a06035504031303727361301e170d"
      "3136303733303031323335395a170d3236303733303031323335395a300e310c"
      "300a0603550403130372736130819f300d06092a864886f70d01010105000381"
      "8d0030818902818100b4bb498f8279303d980836399b36c6988c0c68de55e1bd"
      "b826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced"
      "43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846"
      "748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6"
      "d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b06"
      "03551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2"
      "a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8"
      "f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2db"
      "f102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b"
      "84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de100000f"
      "00008408040080a2301a68dd1ceee6938fe9d40c46b9201b34d59952a37e0652"
      "3a39cf8ba6c9c8b68ae94492af780516ed7b73c82812e99dd3fabea45e09d9c6"
      "848721c2808c61501b0c75e7fcaba5f78bef68a2c2b69b19558b3e40387eea93"
      "d25c7781c1cc00e9f519f7e2e4adb73e76d66089000a2dc866c2ed30bba50a0d"
      "457f19dc6eb9f314000020c8c3a8f1bff5274061f4bc3a7caffbdc9616094ca6"
      "25caa65f8e76ed46db74d3",
      "692cab155cc6c100ead60733d0617f6fb09b71aa1e8c9accbbbc9e8ed336c1dd"},
    {"7", 3649, ROW_KEY, 0,
     "{client} derive write traffic keys for application data: key expanded",
     "PRK line 3637",
      NULL,
      "743e4c6b56cf3909d1b06d01956ccd2c4b37758449aec41d98dae44924eaa299",
      NULL,
      "33d7f9709756c966488ad4438437e673"},
    {"7", 3654, ROW_IV, 0,
     "{client} derive write traffic keys for application data: iv expanded",
     "PRK line 3637",
      NULL,
      "743e4c6b56cf3909d1b06d01956ccd2c4b37758449aec41d98dae44924eaa299",
      NULL,
      "c5f30d34b0e91b7d6c8eea65"},
    {"7", 3668, ROW_DERIVE, TLS_SECRET_resumption_master_secret,
     "{client} derive secret \"tls13 res master\": expanded (resumption_master_secret)",
     "PRK line 3658, hash line 3661",
      "628112dae2f702488063e42de6c850a5c0820b90903e00abc31875da03d4bc5b",
      "a021d3a05bd418a772813875ef79b0af68c5123215427ab7333f8c27722a9fd5",
      NULL,
      "0b5d4407cea0a42a3a81dd477647b7fe9180db297e5114f1ad8796b4dc475004"},
};
const size_t ks_rows_count = sizeof(ks_rows) / sizeof(ks_rows[0]);

const struct record_row record_rows[] = {
    {"3", 490, "{server} send handshake record", 457, 367, 372, 0, 22,
      "080000240022000a00140012001d00170018001901000101010201030104001c"
      "00024001000000000b0001b9000001b50001b0308201ac30820115a003020102"
      "020102300d06092a864886f70d01010b0500300e310c300a0603550403130372"
      "7361301e170d3136303733303031323335395a170d3236303733303031323335"
      "395a300e310c300a0603550403130372736130819f300d06092a864886f70d01"
      "0101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c"
      "0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19e"
      "aa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e2"
      "2a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a"
      "8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304"
      "023000300b0603551d0f0404030205a0300d06092a864886f70d01010b050003"
      "81810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594"
      "365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd"
      "335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb"
      "2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b4"
      "2b4de100000f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f82"
      "4cd484145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef78"
      "0c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671"
      "459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda"
      "65cdf5aea20d53dfacd42f74f3140000209b9b141d906337fbd2cbdce71df4de"
      "da4ab42c309572cb7fffee5454b78f0718",
      "3fce516009c21727d0f2e4e86ee403bc",
      "5d313eb2671276ee13000b30",
      "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35e"
      "df7869fcf40aa40aa2b8ea73f848a7ca07612ef9f945cb960b4068905123ea78"
      "b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13b"
      "d9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9"
      "d7477609aee6e122a4cf51427325250c7d0e509289444c9b3a648f1d71035d2e"
      "d65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd61092"
      "8d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead68694"
      "5ba246ab66e5edd8044b4c6de3fcf2a89441ac66272fd8fb330ef8190579b368"
      "4596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f"
      "4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26"
      "f59ecaba9acbbb317b66d902f4f292a36ac1b639c637ce343117b65962224531"
      "7b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e"
      "1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da"
      "8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66db7cca71e4599426f7d4"
      "61e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe"
      "5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb"
      "992f2b992f67f8afe67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c859"
      "77b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038"
      "ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b84"
      "5e275592c12335ee340bbc4fddd502784016e4b3be7ef04dda49f4b440a30cb5"
      "d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e"
      "750edc53370d2b"},
    {"3", 701, "{client} send handshake record", 698, 606, 611, 0, 22,
      "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2"
      "edd5ce61",
      "dbfaa693d1762c5b666af5d950258d01",
      "5bd3c71b836e0b76bb73265f",
      "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc"
      "44d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546"},
    {"3", 798, "{server} send handshake record", 778, 592, 597, 0, 22,
      "040000c90000001efad6aac502000000b22c035d829359ee5ff7af4ec9000000"
      "00262a6494dc486d2c8a34cb33fa90bf1b0070ad3c498883c9367c09a2be785a"
      "bc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827"
      "db279cce145077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529"
      "513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf297b5aea61764"
      "6fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934a"
      "e4d3570008002a000400000400",
      "9f02283b6c9c07efc26bb9f2ac92e356",
      "cf782b88dd83549aadf1e984",
      "17030300de3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d4"
      "1d6af8f6b580dcf3d11d63c758db289a015940252f55713e061dc13e078891a3"
      "8efbcf5753ad8ef170ad3c7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0"
      "9c30ba1e62972ac46f75f7b981be63439b2999ce13064615139891d5e4c5b406"
      "f16e3fc181a77ca475840025db2f0a77f81b5ab05b94c01346755f69232c8651"
      "9d86cbeeac87aac347d143f9605d64f650db4d023e70e952ca49fe5137121c74"
      "bc2697687e248746d6df353005f3bce18696129c8153556b3b6c6779b37bf159"
      "85684f"},
    {"3", 820, "{client} send application_data record", 816, 713, 718, 0, 23,
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "202122232425262728292a2b2c2d2e2f3031",
      "17422dda596ed5d9acd890e3c63f5051",
      "5b78923dee08579033e523d9",
      "1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f"
      "2b9819a8a5b46b395bd54a9a20441e2b62974e1f5a6292a2977014bd1e3deae6"
      "3aeebb21694915e4"},
    {"3", 831, "{server} send application_data record", 827, 592, 597, 1, 23,
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "202122232425262728292a2b2c2d2e2f3031",
      "9f02283b6c9c07efc26bb9f2ac92e356",
      "cf782b88dd83549aadf1e984",
      "17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36"
      "e30efaf97d90e6dffc602dcb501a59a8fcc49c4bf2e5f0a21c0047c2abf33254"
      "0dd032e167c2955d"},
    {"3", 847, "{client} send alert record", 838, 713, 718, 1, 21,
      "0100",
      "17422dda596ed5d9acd890e3c63f5051",
      "5b78923dee08579033e523d9",
      "1703030013c9872760655666b74d7ff1153efd6db6d0b0e3"},
    {"3", 854, "{server} send alert record", 852, 592, 597, 2, 21,
      "0100",
      "9f02283b6c9c07efc26bb9f2ac92e356",
      "cf782b88dd83549aadf1e984",
      "1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9"},
    {"4", 1089, "{client} send application_data record", 1087, 1078, 1083, 0, 23,
      "414243444546",
      "920205a5b7bf2115e6fc5c2942834f54",
      "6d475f0993c8e564610db2b9",
      "1703030017ab1df420e75c457a7cc5d2844f76d5aee4b4edbf049be0"},
    {"4", 1303, "{server} send handshake record", 1297, 1246, 1251, 0, 22,
      "080000280026000a00140012001d00170018001901000101010201030104001c"
      "0002400100000000002a00001400002048d3e0e1b3d907c6acff145e16090388"
      "c77b05c050b634ab1a88bbd0dd1a34b2",
      "27c6bdc0a3dcea39a47326d79bc9e4ee",
      "9569ecdd4d0536705e9ef725",
      "1703030061dc48237b4b879f50d0d4d262ea8b4716eb40ddc1eb957e11126e8a"
      "7149c2d012d37a7115957e64ce30008b9e0323f2c05a9c1c77b4f37849a695ab"
      "255060a33fee770ca95cb8486bfd0843b87024865ca35cc41c4e515c64dcb136"
      "9f98635bc7a5"},
    {"4", 1437, "{client} send handshake record", 1435, 1078, 1083, 1, 22,
      "05000000",
      "920205a5b7bf2115e6fc5c2942834f54",
      "6d475f0993c8e564610db2b9",
      "1703030015aca6fc944841298df99593725f9bf9754429b12f09"},
    {"4", 1493, "{client} send handshake record", 1490, 1447, 1452, 0, 22,
      "140000207230a9c952c25cd6138fc5e6628308c41c5335dd81b9f96bcea50fd3"
      "2bda416d",
      "b1530806f4adfeac83f1413032bbfa82",
      "eb50c16be7654abf99dd06d9",
      "170303003500f8b467d14cf22a4b3f0b6ae0d8e6cc8d08e0db3515ef5c2bdf19"
      "22eafbb70009964716d834fb70c3d2a56c5b1f5f6bdba6c333cf"},
    {"4", 1550, "{client} send application_data record", 1546, 1505, 1510, 0, 23,
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "202122232425262728292a2b2c2d2e2f3031",
      "3cf122f301c6358ca7989553250efd72",
      "ab1aec26aa78b8fc1176b9ac",
      "1703030043b1cebce242aa201be9ae5e1cb2a9aa4b33d4e866af1edb06891923"
      "7741aa031d7a74d491c99b9d4e232b74206bc6fbaa04fe78be44a9b4f54320a1"
      "7eb76992afac3103"},
    {"4", 1561, "{server} send application_data record", 1557, 1373, 1378, 0, 23,
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "202122232425262728292a2b2c2d2e2f3031",
      "e857c690a34c5a9129d833619684f95e",
      "0685d6b561aab9ef1013faf9",
      "1703030043275e9f20acff57bc000657d3867df039cccf79047884cf75771746"
      "f740b5a83f462a0954c3581393a203a25a7dd14141ef1a37900cdb62ff62dee1"
      "ba39ab2590cbf194"},
    {"4", 1579, "{client} send alert record", 1577, 1505, 1510, 1, 21,
      "0100",
      "3cf122f301c6358ca7989553250efd72",
      "ab1aec26aa78b8fc1176b9ac",
      "17030300130facce3246bdfc6369838d6a82ae6de5d422dc"},
    {"4", 1586, "{server} send alert record", 1584, 1373, 1378, 1, 21,
      "0100",
      "e857c690a34c5a9129d833619684f95e",
      "0685d6b561aab9ef1013faf9",
      "17030300135b18af444e8e1eec7158fb62d8f2577d37ba5d"},
    {"5", 2083, "{server} send handshake record", 2042, 1957, 1969, 0, 22,
      "080000180016000a0008000600170018001d001c00024001000000000b0001b9"
      "000001b50001b0308201ac30820115a003020102020102300d06092a864886f7"
      "0d01010b0500300e310c300a06035504031303727361301e170d313630373330"
      "3031323335395a170d3236303733303031323335395a300e310c300a06035504"
      "03130372736130819f300d06092a864886f70d010101050003818d0030818902"
      "818100b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a24"
      "61eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187"
      "a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0"
      "461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f"
      "7f1e3f0203010001a31a301830090603551d1304023000300b0603551d0f0404"
      "030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b90"
      "8c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172"
      "f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608c"
      "cae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759"
      "409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de100000f000084080400"
      "8033ab13d4462707231b5dcae6c8190b63d1dabc74f28c395370da0b07e5b830"
      "66d0246a31acd95df475bfd799a4a70d33ad93d3a317a9b2c0d237a5685b219e"
      "774112e391a247607d1aeff1bbd0a39f382ee1a5fe88ae99ec59228e6497e45d"
      "48ce275a6d5ef40d169fb6f9d33b052ed3dcdd6b5a48baafffbcb290128415bd"
      "38140000208863e6bfb0420a927fa27f34336a70ae426e968e3eb884945b9685"
      "6dba3976d1",
      "4646bfac1712c426cd78d8a24a8a6f6b",
      "c7d395c08d62f297d13768ea",
      "170303029699bee20baf5b7fc727bfab6223928a381e6d0cf9c4da653f9d2a7b"
      "23f7de11cce842d5cf75631763450ffb8b0cc1d238e658af7a12adc86243114a"
      "b14a1da2fae42621ce483fb6242eabfaad52566b02b31d2eddedefeb80e66a99"
      "00d5f973b40c4fdf74719ecf1b68d7f9c3b6ceb903ca13dd1bb8f8187ae33417"
      "e1d152522c5822a1a03ad52c838c55953d610222874cce8e1790b229a2aa0b53"
      "c8d377ee720182951dc6181dc5d90bd1f0105ed1e84aa5f75957c6661897079e"
      "5ea5007449e3197bdc7c9beeedddeafdd844afa5c315ecfe65e576afe9098128"
      "80620ec7048b42d7f5c78d76f299d6d82534bdd8f512febc0ed3814aca470cd8"
      "000d3e1cb9962b052fbb950df683a52c2ba77ed3713b122937a6e5170964e2ab"
      "7969dcd980b3db9b458da7603124d6dc005e4d6e04b4d0c4baf3275db827dbba"
      "0a6db09672171fc057b3851d7e026841e2978fbd2346bbefdd0376bb1108fe9a"
      "cc92189f5650aa5e85d8e8c7b67ac510dba003d3d7e16350bb66d45013efd44c"
      "9b607c0d318c4c7d1a1f5cbc57e20611804e3787d7b4a4b5f08ed8fd70bdaead"
      "e02260b12ab842ef690b4a3ee7911e841b374ecd5ebbbc2a54d047b600336dd7"
      "d0c88b4bc10e58ee6cb656de7247fa20d8e91deb84628608cf80615b62e96c14"
      "91c7ac3755eb6901405d3474fe1ac79d106a0cee56c2577fc88480f96cb6b8c6"
      "81b7b68b53c146093908f350888175bdfb0b1e31ad61e30ba0adfe6d223aa03c"
      "0783b5001a57587c328a9afcfcfb978d1cd4328f7d9d60530e630befd96c0c81"
      "6ee20b0100768ae2a6df51fc68f172740a79af11398ee3be1252491fa9c69347"
      "9e877f94ab7c5f8cad480203e6ab7b87dd71e8a0729113df17f5eee86ce108d1"
      "d72007ec1cd13c85a6c149621e77b7d78d805a30f0be030c315e54"},
    {"5", 2286, "{client} send handshake record", 2283, 2200, 2205, 0, 22,
      "1400002023f52fdb0709a55bd7f79b991f25484087bcfd4d4380b12326a52a28"
      "b2e368e1",
      "2f1f918663d590e7421149a29d94b0b6",
      "414d5485235e1a688793bd74",
      "1703030035d74f1923c662fd34137c6f502f3dd2b93d951d1b3bc97e42afe23c"
      "31abea92fe91b474999e85e3b791ce252fe8c3e9f939a4120cb2"},
    {"5", 2338, "{client} send alert record", 2336, 2305, 2310, 0, 21,
      "0100",
      "a7eb2a0525eb4331d58fcbf9f7ca2e9c",
      "86e8be227c1bd2b3e39cb444",
      "17030300132ea6cdf749196023e2b3a49491695536426047"},
    {"5", 2345, "{server} send alert record", 2343, 2179, 2191, 0, 21,
      "0100",
      "f27a5d97bd25550c4823b0f3e5d29388",
      "0dd631f7b71cbbc797c35fe7",
      "1703030013519fc5075cb0884349759ff9ef6f011bb4c6f2"},
    {"6", 2679, "{server} send handshake record", 2653, 2566, 2571, 0, 22,
      "080000240022000a00140012001d00170018001901000101010201030104001c"
      "00024001000000000d000027000024000d0020001e0403050306030203080408"
      "050806040105010601020104020502060202020b00013b000001370001323082"
      "012e3081d5a003020102020107300a06082a8648ce3d04030230133111300f06"
      "0355040313086563647361323536301e170d3136303733303031323430305a17"
      "0d3236303733303031323430305a30133111300f060355040313086563647361"
      "3235363059301306072a8648ce3d020106082a8648ce3d0301070342000408d5"
      "30161575f4cfe7f154ee3448180086001e88431a79ee62ee6e2f83ef38ba61e9"
      "fb37f34e007a7df4d2f5b56d1f04ece45d621f468406f5c3a15158948dd0a31a"
      "301830090603551d1304023000300b0603551d0f040403020780300a06082a86"
      "48ce3d0403020348003045022100df30fd4507f5edd22c1a6ff86db479ca693f"
      "eeca3b71b3f9ef556b2937c0594d022062e2a47250d320fea83c7e2dcb5b76a5"
      "0e0200c09adbd13fee946e513e011d1100000f00004b040300473045022100d7"
      "a4d34bd54f55fee1a89625678c3dd5e5f60dac73ec940c5c7b9304a02084a902"
      "20289f595ed488b9ac689a3d192b1a8bb38f34af7874c059c9806a1f38269353"
      "e81400002093b70cdf4781985b96345caac701b4e750d3042df1a689d8faca81"
      "2251113c11",
      "6cb6e60619d8c7355c5d4c4bc2be90d5",
      "64f239530c3b888fde85e0be",
      "17030302166d0a7ac079b32a94aa68c4e2893e8bd0d3c185f549c236fbbce3d6"
      "47f08f3c94a2bf424d8708883605ad8955f97718b0213dead13dfb23ebb8381d"
      "a582756612bcb5a5d40847719fbe9f179bfae656f3ecfd59a4c0d35132ce418a"
      "7e46f6b6a60622f8a6c06b28d83360163563be9c37f97eb902326924a72b3ed8"
      "c8381277d1581cab9c3715ac2401398467ad7ebfab3d0c3419e750104f7d62c5"
      "027901f2e4cd4ca5b8071eb03d3c732d83215066dfc4d291d4c1ff3b8d7e4298"
      "f677d4d51dea1168d8f16cb27ba40266313a1fedf9e23cc77f765450f9e96f05"
      "d08f3da245b14d4946f07ec81eed6d56f26bd574f0b7f7c7047037c16fce3b23"
      "754e662fad73e2b7213f6af296769c99a1d38e6232e0ec8dc4f84d6aa6f7de38"
      "87be0057862f9018e0ab396705aa4090ab5f2dff6325a557e7320d4effd46bb4"
      "f997d163207cce6665294aa4465541e3fe37ee7350659ea550d6dcb6af3c5188"
      "52c7a14c3cc15bc32b3273bdf1751da184203135b117d300204fb12d58ca9ac3"
      "4b68eca27030832f7a4b46d2a55757f63fe8f6e85ac47469e6198da88a64586b"
      "f23c69590de822263be75fd836847240c48f8c145cd6bd698962e7edc234ebe5"
      "9231351eef8d7652cf3b08ab3af6e5ec74c58a8da34b39f9b0d6c4279a9a1f82"
      "071729e7059dd7f7b95b9433c4684ce1891a6d33432d52eddb0b8cee9181d403"
      "eccc12991f1ad4aa62c36049713a7bb135fdda6661a05a93f8c16f"},
    {"6", 2958, "{client} send handshake record", 2927, 2790, 2795, 0, 22,
      "0b0001bf000001bb0001b6308201b23082011ba003020102020101300d06092a"
      "864886f70d01010b05003011310f300d06035504031306636c69656e74301e17"
      "0d3136303733303031323335395a170d3236303733303031323335395a301131"
      "0f300d06035504031306636c69656e7430819f300d06092a864886f70d010101"
      "050003818d0030818902818100c38175e004a68d093f823b9c379d201fbc0bb7"
      "a1c791905e3fbf76847e44e751ebbcd360bd945c81e5222bcc8846d3a8a0f93e"
      "9bf5bebabd92edf1de1ff19021703e7ab6c0901513f97e39b111f09c9348971c"
      "7b211984a754cd45fe095af0ea4236829bccf7a7fe9b2888e78ab477690a5b9e"
      "1ccbe91c6a4a0f97a7e02842010203010001a31a301830090603551d13040230"
      "00300b0603551d0f040403020780300d06092a864886f70d01010b0500038181"
      "001a7a5a018532b022af0767d486160cff2d167a1915d23835b54594916dc680"
      "be5d2e626076c5d52722ebcc775d7d99f980be2fc94d34acf6cc00ba90cbcfb0"
      "608aa1e7e3971ef0c07a41d47ad8345d1f81fe418a1cf41054429fd217bd777d"
      "c1cf08f05df90799c659361e0f1a8ee4ac0f7897420bdbc823da80a2f2ba2308"
      "1c00000f00008408040080186b2223b503a759c35dba0e9721b4b579138d5f0f"
      "5e6ec7feaaf27f3ad7f386c2c7bd7cb2be52fbf5ed8393f406ee79369692ec7a"
      "c695651d858219e672a8eb7b2a677b640b46ab630edc5f3f2f8272b9c0d906f8"
      "1f84ddc5b8c7bcf955c78a3cf99e5016f73e04eb7dfcb28833f13e8f75ec2ff3"
      "581e2f098ad4157fd6d6ad140000209afe2ba2f63a09d229d8a429e5b37ffd9f"
      "cc73bdb5911b82425972aa2892440f",
      "916948f728d9823fa41a004d083f217f",
      "64153d79bac9ea10ca5a0a88",
      "1703030280b46a63934e673841abaf267403bc677f6b6d2a1e2f12bb5f62683b"
      "fe36a82673f06d6287ddd609bcf2f5fd3225923d24af3c76682c180ee571a17c"
      "a4bfbe2f510dc9a0e1fca5cff2cee87d11cb531a6ef90bf5309a6b63bbbc0b88"
      "ea45103a4304091543859fa11ec032ed873444cd5185ead5f6a76420f0f0286a"
      "cef802c8e4788c23275f1b06da600f4a7decd0bc59d7bef10e649ae32690397f"
      "c3d4ed6f30f801d8cd569b71ad4fa05ea7cf2ac2dfa150d220505d4011b34d09"
      "d53853eba61a101e4f8dca47d8171a884b19259a3dd48c5ac141983edc77814d"
      "25e7f66bbbdb9096839266e06561828ecfb27eafd4e9e81a0b96e3bfa42dae5a"
      "d80359b9a6661402c3a2104177030106dbd8f65bb6a0159d512eb13af22a259f"
      "313bd58c2e21fe053d57f2a962b0a4ea682c96f70b79b560136192823b27be6a"
      "2fb7b1c751ccc0e3303615541485b7b307b423332c11efa80b72f9b80a53e53f"
      "7bb38a3af4c59f8008bad0544e5614e688ff57bccd6935f81f447f420c1c1bf4"
      "058818e90bf5dc716ccae42524856df8250bcdbd7af65f82dd53061d024f6d2f"
      "f5c11e3792a9a70e0ee2a3c20a1b968ac391f8f92831135d25242ada2fe241c2"
      "653ec996339dfa12dfae7a3373df88b07ca27aef6dc266a25f13f75c76039c1f"
      "46fd7a53ae6399c999f4b2aee18e480d6d12bfae226bbdc92a6ad50b4d3bac7a"
      "bc3b3651eb5be56f33bf41127b3ca886dc714a50d1490357bd40d9fd6be42209"
      "a4ddb9ebb2987e29f120f05814614d2c79320015b461fe7324447670a1af5f65"
      "caed15b474ab7faa495016adf808e53b94ef54afbb0e0a3a2732ab597f7d5923"
      "c77386aa5124731f8cc73e703b341c175a454939a77ab64313c15cf3fe03c4f3"
      "3842564976"},
    {"6", 3049, "{client} send alert record", 3047, 3006, 3011, 0, 21,
      "0100",
      "cdc09c806aa8f86dfcd51efc44a0c039",
      "6ef852e78b46d913668e53e7",
      "1703030013e4ad7d44c29245339d355962c779b89ef44c58"},
    {"6", 3056, "{server} send alert record", 3054, 2776, 2781, 0, 21,
      "0100",
      "88b3123ddecadf8c1ba298e2c18176b0",
      "4e0978513f9de8327c08e4f3",
      "17030300131decc5d6e64bba8a6f21b4fd077497da2a90cb"},
    {"7", 3411, "{server} send handshake record", 3378, 3291, 3296, 0, 22,
      "080000240022000a00140012001d00170018001901000101010201030104001c"
      "00024001000000000b0001b9000001b50001b0308201ac30820115a003020102"
      "020102300d06092a864886f70d01010b0500300e310c300a0603550403130372"
      "7361301e170d3136303733303031323335395a170d3236303733303031323335"
      "395a300e310c300a0603550403130372736130819f300d06092a864886f70d01"
      "0101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c"
      "0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19e"
      "aa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e2"
      "2a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a"
      "8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304"
      "023000300b0603551d0f0404030205a0300d06092a864886f70d01010b050003"
      "81810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594"
      "365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd"
      "335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb"
      "2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b4"
      "2b4de100000f00008408040080a2301a68dd1ceee6938fe9d40c46b9201b34d5"
      "9952a37e06523a39cf8ba6c9c8b68ae94492af780516ed7b73c82812e99dd3fa"
      "bea45e09d9c6848721c2808c61501b0c75e7fcaba5f78bef68a2c2b69b19558b"
      "3e40387eea93d25c7781c1cc00e9f519f7e2e4adb73e76d66089000a2dc866c2"
      "ed30bba50a0d457f19dc6eb9f314000020c8c3a8f1bff5274061f4bc3a7caffb"
      "dc9616094ca625caa65f8e76ed46db74d3",
      "041091fdab29f2c8abfb156dc5fc8d54",
      "7464d791685de05998fcbadb",
      "17030302a248de891d9c3624a67a6c6f0601ab7ac20c1f6a9e14d2e6007e999e"
      "130367a8af1bcfea9498fbce19df4505eece3a25da523cbe55ea1b3bda4e9199"
      "5e455d500a4faa6227b7111e1c8547e2d7c179db215303d25827f3cd18f48f64"
      "91328cf5c0f814d388150bd9e9264aae491db6995069bea17665d5e0c817284d"
      "4ac21880054c3657331e23a9304dc88a15c04ec80bd3852bf7f9d3c6615b15fa"
      "c83bbca031c6d2310d9f5d7a4b020a4f7c19062b65c05a1d3264b557ec9d8e0f"
      "7cee27e36f793039de8dd96edfca9009e0651034bff31d7f349eece01d99fcb5"
      "fcab840d7707c72299c3b5d04564e880a33c5e846c762e3d922bb55303d1d87c"
      "c0f06573f17dcb9b8ffd35bbd883c1cb3aa24fcc325005f768ce2fb624ca97b6"
      "c4d98e17f35bc2c7940a06100c2d448db7180b2d862164435c9c210e9860394e"
      "05aab23ff1b0203f662c588da5bc4411477a30b41136c488a0a63fcab5c15ac6"
      "13226dae827a1d1fe95ece6b30bcee1560a8d408d264555e760f9bfc624c2c87"
      "fd0456c9bfb41bcd1a7b212786d2b67fd57804facfa1eef7cf2919d8b998c978"
      "9f763b4d9caa093a9ded43175d46a76b4d54f0ce0c5d2259b607e30a9d241263"
      "874fa59d6f570dc40d83a2d83bf9e9850d454c57806535a8998ae0357df92f00"
      "b9667344c24114ccc9ef539124b204e7e6e748c30a28a3d1d183997243eaccbb"
      "d33b0c1115a0327106a1e6a75271d4983086f632ff0eb8b4c63102cbcef5bb72"
      "dae1279d5de8eb19096d8cdb07fa8ea989788fac23e66e0488c193f3f3fea8c8"
      "838896bf3ae4b6848d42ced4bdf41abe6fc331b44225e7a1f7d3564147d5458e"
      "71aa909cb02be958bbc42e3aa5a27cc6eaf4b6fe51ae4495694d8ab6320aab92"
      "0183fd5b31a359042fbd67391ec5e4d1892a2e5210141a494e9301b24a113c47"
      "4c7f2a73457847"},
    {"7", 3630, "{client} send handshake record", 3627, 3537, 3542, 0, 22,
      "14000020692cab155cc6c100ead60733d0617f6fb09b71aa1e8c9accbbbc9e8e"
      "d336c1dd",
      "62d13c13ffd7402fc1c09e3d163665cb",
      "7166f20028bf146dcfbd5a40",
      "170303003532d030e273773a8696c799981af6ced07f87482e81565e394e87c8"
      "67f33df3d65b7506f1a626af91d4821d5f7a1f210ef8dd3c6d16"},
    {"7", 3682, "{client} send alert record", 3680, 3649, 3654, 0, 21,
      "0100",
      "33d7f9709756c966488ad4438437e673",
      "c5f30d34b0e91b7d6c8eea65",
      "17030300130f629155382dba23c4e2c5f7f84e6f2ed3083d"},
    {"7", 3689, "{server} send alert record", 3687, 3516, 3521, 0, 21,
      "0100",
      "edc4cbd0041c28cc7167441d7ca53e6a",
      "bf6c7d8e0a9545b427dcf139",
      "1703030013b7257b0fecaf69d4f09e3f891e2a25d1e28845"},
};
const size_t record_rows_count = sizeof(record_rows) / sizeof(record_rows[0]);

const struct kex_row kex_rows[] = {
    {"3", "client", TLS_GROUP_x25519, 162, 165,
      "49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005",
      "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"},
    {"3", "server", TLS_GROUP_x25519, 233, 236,
      "b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e",
      "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"},
    {"4", "client", TLS_GROUP_x25519, 868, 871,
      "bff91188283846dd6a2134ef7180ca2b0b14fb10dce707b5098c0dddc813b2df",
      "e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b"},
    {"4", "server", TLS_GROUP_x25519, 1098, 1101,
      "de5b4476e7b490b2652d338acbf2948066f255f9440e23b98fc69835298dc107",
      "121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31"},
    {"5", "client", TLS_GROUP_x25519, 1601, 1604,
      "0ed02f8e8117efc75ca7ac32aa7e34eda64cdc0ddad154a5e85289f959f63204",
      "e8e8e3f3b93a25ed97a14a7dcacb8a272c6288e585c6484d05262fcad062ad1f"},
    {"5", "client", TLS_GROUP_secp256r1, 1700, 1703,
      "ab5473467e19346ceb0a0414e41da21d4d2445bc3025afe97c4e8dc8d513da39",
      "04a6da7392ec591e17abfd535964b99894d13befb221b3def2ebe3830eac8f01"
      "51812677c4d6d2237e85cf01d6910cfb83954e76ba7352830534159897e80657"
      "80"},
    {"5", "server", TLS_GROUP_secp256r1, 1818, 1821,
      "8c510601f9765bfb8ed693449a48989859b5cfa879cb9f5443c41c5ff10634ed",
      "04583e054b7a66672ae020ad9d2686fcc85b5ad41a134a0f03ee72b893052bd8"
      "5b4c8de6776f5b04ac07d83540eab3e3d9c547bc6528c4317d294686093a6cad"
      "7d"},
    {"6", "client", TLS_GROUP_x25519, 2369, 2372,
      "c040b2bb8f3addd20fd4058c547003a3c6f9c1cd915d5e535c87d8d191aaf071",
      "089cc2671f738d9a671e5b2e464981d05b76e361aa22aea91f1d49ca10a7a362"},
    {"6", "server", TLS_GROUP_x25519, 2432, 2435,
      "7382a5ad1cdd2056ae18cc708bd007d98130dbe2cd4d9ead9b96952becbb0888",
      "6c2e50e865919a6b5a12dfaf918f92b442567b0f89bc54478c6921366658f062"},
    {"7", "client", TLS_GROUP_x25519, 3067, 3070,
      "dea00b45695dc781f19d34a62c1afd31ab4369af1e855a3bbb258d8442cde6d7",
      "8e7292cf3056dbb0d25fcbe55c107dc9bbf83dd9708f39203ba341249a7d9b63"},
    {"7", "server", TLS_GROUP_x25519, 3145, 3148,
      "017c38a3647921ca2d9ed6bd7ae7132b94211b1331bb208c8ccdd51556409995",
      "3e30f0f4ba551afd62768341175f5265e4daf0c8841617aa4fafdd2142320c22"},
};
const size_t kex_rows_count = sizeof(kex_rows) / sizeof(kex_rows[0]);

const struct shared_row shared_rows[] = {
    {"3", 267, "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d"},
    {"4", 1147, "f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e"},
    {"5", 1863, "c142ce13ca11b5c2233652e63ad3d97844f1621fbfb9de69d547dc8fedeabeb4"},
    {"6", 2476, "7dc114f6475dfa7977be736ef7cbebc48c70329e8e9a74b4d7033c43f9597d4f"},
    {"7", 3214, "eef790559077db5bb63b6684e4169f051e8fb34ce59bafce2f9c8ee68cc4eb79"},
};
const size_t shared_rows_count = sizeof(shared_rows) / sizeof(shared_rows[0]);
