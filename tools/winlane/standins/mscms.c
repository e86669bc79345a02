/* Stand-in for mscms.dll, for the Windows test lane under Wine only (never shipped). Qt's windows platform
 * plugin imports WcsCreateIccProfile, which Wine 8's mscms lacks, so the plugin would not load. These four
 * report "no colour profile", which Qt handles (it then assumes sRGB). */
#include <windows.h>
#define API __declspec(dllexport)
API HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD share, DWORD creation) {
    (void)profile; (void)access; (void)share; (void)creation; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
API BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }
API BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size) {
    (void)profile; (void)buffer; (void)size; SetLastError(ERROR_NOT_SUPPORTED); return FALSE; }
API HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD options) {
    (void)profile; (void)options; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
