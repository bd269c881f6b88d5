# Install.cmake — what `cmake --install` puts where, and the .deb that `cpack` makes of it.
#
#   bin/tls13                                    the program
#   lib/libtls13_{common,...,decoder}.a          the layers (static), for C programs
#   include/tls13/{common,...,decoder}/*.h       their headers
#   lib/pkgconfig/tls13.pc                       pkg-config --cflags --libs tls13
#   lib/cmake/tls13/                             find_package(tls13): tls13::tls13, tls13::handshake, ...
#   share/man/man1/tls13*.1                      man pages, written from the commands' own tables
#   share/bash-completion/completions/tls13      the same tables, for bash
#
# The man pages and the completion come from tls13_docgen (src/cli/docgen.c), which prints them
# from the struct cli_command that also gives --help and parses the command line.

add_executable(tls13_docgen src/cli/docgen.c)
target_link_libraries(tls13_docgen PRIVATE tls13_cli)

set(tls13_doc_dir "${CMAKE_CURRENT_BINARY_DIR}/doc")
# Each man page is written by tls13_docgen, then gzipped for installation (Debian policy §12.1).
function(tls13_man_page page)
  add_custom_command(OUTPUT "${tls13_doc_dir}/${page}.1" "${tls13_doc_dir}/${page}.1.gz"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${tls13_doc_dir}"
    COMMAND tls13_docgen "${tls13_doc_dir}/${page}.1" man ${ARGN}
    COMMAND gzip -9nkf "${tls13_doc_dir}/${page}.1"
    DEPENDS tls13_docgen VERBATIM)
  set_property(GLOBAL APPEND PROPERTY tls13_man_pages "${tls13_doc_dir}/${page}.1.gz")
endfunction()
tls13_man_page(tls13)
# One page per command of src/cli/cli_spec.c; test_program_cli fails for a command without one.
foreach(cmd connect decode compare vectors variant)
  tls13_man_page(tls13-${cmd} ${cmd})
endforeach()
get_property(tls13_man_pages GLOBAL PROPERTY tls13_man_pages)
add_custom_command(OUTPUT "${tls13_doc_dir}/tls13.bash-completion"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${tls13_doc_dir}"
  COMMAND tls13_docgen "${tls13_doc_dir}/tls13.bash-completion" completion
  DEPENDS tls13_docgen VERBATIM)
add_custom_target(tls13_docs ALL DEPENDS ${tls13_man_pages} "${tls13_doc_dir}/tls13.bash-completion")

install(TARGETS tls13 RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${tls13_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${tls13_doc_dir}/tls13.bash-completion"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tls13)

# The library: every layer below the program, with its public headers.
foreach(layer ${TLS13_LAYERS})
  list(APPEND tls13_layer_targets tls13_${layer})
  install(DIRECTORY src/${layer}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tls13/${layer}
          FILES_MATCHING PATTERN "*.h" PATTERN "*_internal.h" EXCLUDE
          PATTERN "mbedtls_compat.h" EXCLUDE PATTERN "pcap_lib.h" EXCLUDE)
endforeach()
install(TARGETS ${tls13_layer_targets} EXPORT tls13Targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})

# find_package(tls13): the exported layers as tls13::common ... tls13::decoder, plus tls13::tls13
# for all of it; the config re-finds mbedtls with the Find module it ships (libpcap is opened
# at run time by the decoder, src/decoder/pcap_lib.h).
set(tls13_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/tls13)
install(EXPORT tls13Targets NAMESPACE tls13:: DESTINATION ${tls13_cmake_dir})
include(CMakePackageConfigHelpers)
configure_package_config_file(cmake/install/tls13Config.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/tls13Config.cmake" INSTALL_DESTINATION ${tls13_cmake_dir})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/tls13ConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/tls13Config.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/tls13ConfigVersion.cmake"
              cmake/FindMbedTLS.cmake
        DESTINATION ${tls13_cmake_dir})

# pkg-config: the layers are static archives, so their own dependencies are listed in Libs. The
# file finds its prefix from where it lies (${pcfiledir}), so `cmake --install --prefix DIR` and
# the .deb (prefix /usr) both get a correct one.
file(RELATIVE_PATH tls13_pc_to_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" tls13_pc_to_prefix "${tls13_pc_to_prefix}")
configure_file(cmake/install/tls13.pc.in "${CMAKE_CURRENT_BINARY_DIR}/tls13.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/tls13.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# cpack -G DEB: one package with the program, the man pages and the library. Runtime dependencies
# come from dpkg-shlibdeps (the shared libraries the program links), plus libpcap, which the
# decoder opens at run time; building against the library also needs mbedtls's -dev package.
set(CPACK_PACKAGE_NAME tls13)
set(CPACK_PACKAGE_VENDOR "tls13")
set(CPACK_PACKAGE_CONTACT "tls13 developers <tls13@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "TLS 1.3 client written to be read, and a decoder of captured TLS handshakes")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpcap0.8")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libmbedtls-dev, pkg-config")
include(CPack)
