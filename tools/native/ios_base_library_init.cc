// std::ios_base_library_init() appeared in GCC 13's libstdc++ (GLIBCXX_3.4.32) to start iostreams.
// TorchSharp's shim references it; older libstdc++ (Debian 12: 3.4.30) starts iostreams itself,
// so defining it with a function-local ios_base::Init is all that is missing.
#include <ios>
namespace std {
void ios_base_library_init() { static ios_base::Init init; }
}
