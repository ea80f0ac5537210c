/*
 * cs.h: the one place ClearSilver is included.
 * ClearSilver's cs_config.h defines PACKAGE_* as "", which clashes with
 * autoconf's config.h: save ours, let it define its own, drop those and
 * restore ours.
 */
#ifndef HAVRE_CS_H
#define HAVRE_CS_H

#pragma push_macro("PACKAGE")
#pragma push_macro("PACKAGE_BUGREPORT")
#pragma push_macro("PACKAGE_NAME")
#pragma push_macro("PACKAGE_STRING")
#pragma push_macro("PACKAGE_TARNAME")
#pragma push_macro("PACKAGE_URL")
#pragma push_macro("PACKAGE_VERSION")
#pragma push_macro("VERSION")
#undef PACKAGE
#undef PACKAGE_BUGREPORT
#undef PACKAGE_NAME
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_URL
#undef PACKAGE_VERSION
#undef VERSION

#include <ClearSilver.h>

#undef PACKAGE
#undef PACKAGE_BUGREPORT
#undef PACKAGE_NAME
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_URL
#undef PACKAGE_VERSION
#undef VERSION
#pragma pop_macro("PACKAGE")
#pragma pop_macro("PACKAGE_BUGREPORT")
#pragma pop_macro("PACKAGE_NAME")
#pragma pop_macro("PACKAGE_STRING")
#pragma pop_macro("PACKAGE_TARNAME")
#pragma pop_macro("PACKAGE_URL")
#pragma pop_macro("PACKAGE_VERSION")
#pragma pop_macro("VERSION")

#endif
