/* A stand-in for the one function of Windows 10's bcryptprimitives.dll that Wine 8 lacks and
 * Rust's standard library calls for its random numbers: ProcessPrng, answered from the system's
 * RtlGenRandom (advapi32's SystemFunction036). tests/download.rs builds it with mingw into the
 * folder it runs ashyq.exe from, under Wine only: it is never part of the download. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part)) {
            return FALSE;
        }
        data += part;
        length -= part;
    }
    return TRUE;
}
