/* Test only, for Wine 8: Rust's standard library asks bcryptprimitives.dll for ProcessPrng
 * (Windows 10 and later have it; Wine 8 does not). This stand-in gives it from RtlGenRandom
 * (advapi32's SystemFunction036). It sits beside kiemtra.exe in the Wine smoke test only and is
 * never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part)) return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
