# FindMbedTLS — Debian's libmbedtls-dev (2.28) ships neither a CMake package nor a pkg-config file,
# so locate the headers and the three libraries by hand.
#
# Defines MbedTLS_FOUND, MbedTLS_VERSION and the imported target MbedTLS::mbedtls
# (mbedtls + mbedx509 + mbedcrypto, in link order).
find_path(MbedTLS_INCLUDE_DIR NAMES mbedtls/version.h)
find_library(MbedTLS_TLS_LIBRARY    NAMES mbedtls)
find_library(MbedTLS_X509_LIBRARY   NAMES mbedx509)
find_library(MbedTLS_CRYPTO_LIBRARY NAMES mbedcrypto)

if(MbedTLS_INCLUDE_DIR AND EXISTS "${MbedTLS_INCLUDE_DIR}/mbedtls/build_info.h")
  set(_mbedtls_version_file "${MbedTLS_INCLUDE_DIR}/mbedtls/build_info.h")
elseif(MbedTLS_INCLUDE_DIR)
  set(_mbedtls_version_file "${MbedTLS_INCLUDE_DIR}/mbedtls/version.h")
endif()
if(_mbedtls_version_file)
  file(STRINGS "${_mbedtls_version_file}" _line REGEX "^#define MBEDTLS_VERSION_STRING +\"[^\"]+\"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" MbedTLS_VERSION "${_line}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MbedTLS
  REQUIRED_VARS MbedTLS_INCLUDE_DIR MbedTLS_CRYPTO_LIBRARY MbedTLS_X509_LIBRARY
  VERSION_VAR MbedTLS_VERSION)

if(MbedTLS_FOUND AND NOT TARGET MbedTLS::mbedtls)
  add_library(MbedTLS::mbedtls INTERFACE IMPORTED)
  set_target_properties(MbedTLS::mbedtls PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${MbedTLS_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${MbedTLS_X509_LIBRARY};${MbedTLS_CRYPTO_LIBRARY}")
endif()
mark_as_advanced(MbedTLS_INCLUDE_DIR MbedTLS_TLS_LIBRARY MbedTLS_X509_LIBRARY MbedTLS_CRYPTO_LIBRARY)
