# Warnings and the strict Qt string rules of the house style, applied to every
# target of the project through this interface library.
add_library(console_flags INTERFACE)
target_compile_options(console_flags INTERFACE -Wall -Wextra -Wpedantic)
if(FEAST_CONSOLE_WERROR)
  target_compile_options(console_flags INTERFACE -Werror)
endif()
target_compile_definitions(console_flags INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_DISABLE_DEPRECATED_UP_TO=0x060400)

option(FEAST_CONSOLE_ASAN "Build with AddressSanitizer and UBSan" OFF)
if(FEAST_CONSOLE_ASAN)
  target_compile_options(console_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(console_flags INTERFACE -fsanitize=address,undefined)
endif()
