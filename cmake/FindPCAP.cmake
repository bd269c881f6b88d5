# FindPCAP — libpcap from Debian's libpcap-dev. Defines PCAP_FOUND and the imported target PCAP::pcap.
find_path(PCAP_INCLUDE_DIR NAMES pcap/pcap.h)
find_library(PCAP_LIBRARY NAMES pcap)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PCAP REQUIRED_VARS PCAP_INCLUDE_DIR PCAP_LIBRARY)
if(PCAP_FOUND AND NOT TARGET PCAP::pcap)
  add_library(PCAP::pcap UNKNOWN IMPORTED)
  set_target_properties(PCAP::pcap PROPERTIES
    IMPORTED_LOCATION "${PCAP_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PCAP_INCLUDE_DIR}")
endif()
mark_as_advanced(PCAP_INCLUDE_DIR PCAP_LIBRARY)
