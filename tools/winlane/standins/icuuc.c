/* Stand-in for Windows 10's icuuc.dll, for the Windows test lane under Wine only (never shipped).
 * Qt6Core.dll links these converter functions; Wine 8 has no ICU. Every converter "fails to open", so
 * Qt falls back to its own codecs (UTF-8/16/32, Latin-1, System), exactly as with an unknown encoding. */
#include <stddef.h>
#include <stdint.h>
typedef int32_t UErrorCode;
#define U_UNSUPPORTED_ERROR 16
#define FAIL(e) do { if (e && *(e) <= 0) *(e) = U_UNSUPPORTED_ERROR; } while (0)
#define API __declspec(dllexport)
typedef void UConverter;
typedef void (*Callback)(void);

API UConverter *ucnv_open(const char *name, UErrorCode *e) { (void)name; FAIL(e); return NULL; }
API void ucnv_close(UConverter *c) { (void)c; }
API void ucnv_reset(UConverter *c) { (void)c; }
API int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
API const char *ucnv_getName(const UConverter *c, UErrorCode *e) { (void)c; FAIL(e); return NULL; }
API void ucnv_getToUCallBack(const UConverter *c, Callback *a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
API void ucnv_getFromUCallBack(const UConverter *c, Callback *a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
API void ucnv_setToUCallBack(UConverter *c, Callback n, const void *nx, Callback *o, const void **ox, UErrorCode *e) { (void)c; (void)n; (void)nx; (void)o; (void)ox; FAIL(e); }
API void ucnv_setFromUCallBack(UConverter *c, Callback n, const void *nx, Callback *o, const void **ox, UErrorCode *e) { (void)c; (void)n; (void)nx; (void)o; (void)ox; FAIL(e); }
API void ucnv_cbToUWriteUChars(void *a, const uint16_t *s, int32_t n, int32_t i, UErrorCode *e) { (void)a; (void)s; (void)n; (void)i; FAIL(e); }
API void ucnv_cbFromUWriteUChars(void *a, const char *s, int32_t n, int32_t i, UErrorCode *e) { (void)a; (void)s; (void)n; (void)i; FAIL(e); }
API void ucnv_toUnicode(UConverter *c, uint16_t **t, const uint16_t *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; FAIL(e); }
API void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const uint16_t **s, const uint16_t *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; FAIL(e); }
API int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *e) { (void)c; FAIL(e); return 0; }
API int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *e) { (void)c; FAIL(e); return 0; }
API const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { (void)n; (void)s; FAIL(e); return NULL; }
API const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
API int32_t ucnv_countAvailable(void) { return 0; }
API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
API void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
