/* Stand-in for Windows 10's bcryptprimitives.dll, for the Windows test lane under Wine only (never shipped).
 * python-calamine's Rust runtime imports ProcessPrng, which Wine 8 lacks; RtlGenRandom gives the same bytes. */
#include <windows.h>
BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk; size -= chunk;
    }
    return TRUE;
}
