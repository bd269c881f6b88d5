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
set(tls13_man_pages "${tls13_doc_dir}/tls13.1")
add_custom_command(OUTPUT "${tls13_doc_dir}/tls13.1"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${tls13_doc_dir}"
  COMMAND tls13_docgen "${tls13_doc_dir}/tls13.1" man
  DEPENDS tls13_docgen VERBATIM)
foreach(cmd connect decode vectors)
  add_custom_command(OUTPUT "${tls13_doc_dir}/tls13-${cmd}.1"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${tls13_doc_dir}"
    COMMAND tls13_docgen "${tls13_doc_dir}/tls13-${cmd}.1" man ${cmd}
    DEPENDS tls13_docgen VERBATIM)
  list(APPEND tls13_man_pages "${tls13_doc_dir}/tls13-${cmd}.1")
endforeach()
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
          FILES_MATCHING PATTERN "*.h" PATTERN "*_internal.h" EXCLUDE)
endforeach()
install(TARGETS ${tls13_layer_targets} EXPORT tls13Targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})

# find_package(tls13): the exported layers as tls13::common ... tls13::decoder, plus tls13::tls13
# for all of it; the config re-finds mbedtls and libpcap with the Find modules it ships.
set(tls13_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/tls13)
install(EXPORT tls13Targets NAMESPACE tls13:: DESTINATION ${tls13_cmake_dir})
include(CMakePackageConfigHelpers)
configure_package_config_file(cmake/install/tls13Config.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/tls13Config.cmake" INSTALL_DESTINATION ${tls13_cmake_dir})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/tls13ConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/tls13Config.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/tls13ConfigVersion.cmake"
              cmake/FindMbedTLS.cmake cmake/FindPCAP.cmake
        DESTINATION ${tls13_cmake_dir})

# pkg-config: the layers are static archives, so their own dependencies are listed in Libs.
configure_file(cmake/install/tls13.pc.in "${CMAKE_CURRENT_BINARY_DIR}/tls13.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/tls13.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# cpack -G DEB: one package with the program, the man pages and the library. Runtime dependencies
# come from dpkg-shlibdeps (the shared libraries the program links); building against the library
# also needs the -dev packages of mbedtls and libpcap, hence Recommends.
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
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libmbedtls-dev, libpcap-dev, pkg-config")
include(CPack)
