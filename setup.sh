#!/usr/bin/env bash
# NeuroExercises set-up: idempotent, quick when already done.
#  1. checks the .NET SDK;
#  2. when this machine's libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04), builds a project-local
#     fix for TorchSharp's shim into .native/ (nothing outside the repository changes, except installing
#     Debian's g++ and patchelf packages if they are missing);
#  3. installs Debian's bubblewrap (the grader's sandbox), chromium (the feedback page's browser test),
#     fonts-dejavu-core (plot text) and dataset-fashion-mnist (IDX test data) if missing;
#  4. precompiles Roslyn and TorchSharp (ReadyToRun, tools/r2r), restores and builds the solution.
# Set NEURO_SETUP_NO_BUILD=1 to skip step 4.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || die "the .NET 10 SDK is not on PATH: install it (package dotnet-sdk-10.0) and run ./setup.sh again"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=0
apt_install() { # apt_install PACKAGE... : installs Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || return 1
  say "installing Debian packages: ${missing[*]}"
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq || return 1; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
}

# --- 2. TorchSharp's shim on an older libstdc++ ------------------------------------------------
libstdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found=1}')  # read all: an early exit would SIGPIPE ldconfig
[ -n "$libstdcxx" ] || libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
native="$root/.native/linux-x64"
if [ -f "$libstdcxx" ] && ! grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then
  packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  shim="$packages/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so"
  if [ ! -f "$shim" ]; then
    say "restoring packages to find TorchSharp's native shim"
    dotnet restore NeuroExercises.sln -v q >/dev/null
  fi
  [ -f "$shim" ] || die "TorchSharp 0.107.0 is not in $packages after restore: check that NuGet is reachable"
  stamp="$native/.stamp"
  want="$(sha256sum "$shim" | cut -d' ' -f1) $(sha256sum tools/native/*.c tools/native/*.cc | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "$libstdcxx lacks GLIBCXX_3.4.32, which TorchSharp's libLibTorchSharp.so asks for (one symbol)."
    say "building a patched copy of that one file in .native/linux-x64 (the system is not changed)"
    command -v g++ >/dev/null && command -v patchelf >/dev/null || apt_install g++ patchelf \
      || die "need g++ and patchelf (Debian packages g++ and patchelf): install them and run ./setup.sh again"
    rm -rf "$native"; mkdir -p "$native"
    gcc -O2 -o "$native/elf_weaken_verneed" tools/native/elf_weaken_verneed.c
    g++ -O2 -shared -fPIC -o "$native/libneuro_stdcxx_compat.so" tools/native/ios_base_library_init.cc
    cp "$shim" "$native/libLibTorchSharp.so"
    "$native/elf_weaken_verneed" "$native/libLibTorchSharp.so" GLIBCXX_3.4.32 >/dev/null
    patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$native/libLibTorchSharp.so"
    patchelf --add-needed libneuro_stdcxx_compat.so "$native/libLibTorchSharp.so"
    rm "$native/elf_weaken_verneed"
    echo "$want" > "$stamp"
    say "patched shim ready; every build output with libtorch gets it (Directory.Build.targets)"
  fi
elif [ -d "$native" ]; then
  say "libstdc++ now has GLIBCXX_3.4.32: removing the local TorchSharp fix"
  rm -rf "$native"
fi

# --- 2b. MKL's kernels on AMD processors --------------------------------------------------------
# libtorch's bundled MKL runs a generic code path on non-Intel processors whatever their features (a 32x784 . 784x256
# sgemm: 170 us instead of 87 us on this course's AMD EPYC). A one-function library answers MKL's vendor question; Core's
# MklKernels loads it before libtorch (NEURO_MKL_GENERIC=1 turns it off). Built on AMD x86-64 only, into .native/mkl.
mkl="$root/.native/mkl"
if [ "$(uname -m)" = x86_64 ] && grep -q '^vendor_id.*AuthenticAMD' /proc/cpuinfo 2>/dev/null; then
  want=$(sha256sum tools/native/mkl/mkl_vendor.c | cut -d' ' -f1)
  if [ ! -f "$mkl/.stamp" ] || [ "$(cat "$mkl/.stamp")" != "$want" ]; then
    command -v gcc >/dev/null || apt_install gcc || true
    if command -v gcc >/dev/null; then
      rm -rf "$mkl"; mkdir -p "$mkl"
      gcc -O2 -shared -fPIC -o "$mkl/libneuro_mkl_vendor.so" tools/native/mkl/mkl_vendor.c
      echo "$want" > "$mkl/.stamp"
      say "MKL's AVX2/AVX-512 kernels enabled for this AMD processor (.native/mkl; NEURO_MKL_GENERIC=1 turns it off)"
    else
      say "warning: gcc (Debian package gcc) is missing: libtorch's MKL keeps its generic kernels on this AMD processor (correct, about 2x slower matrix products)"
    fi
  fi
elif [ -d "$mkl" ]; then
  rm -rf "$mkl"
fi

# --- 3. the grader's sandbox -----------------------------------------------------------------
if ! command -v bwrap >/dev/null; then
  apt_install bubblewrap || say "warning: bubblewrap (Debian package bubblewrap) is missing: the grader will refuse --sandbox bwrap"
fi

# --- a headless browser for the feedback page's test (Playwright drives Debian's chromium) ---------------
if ! command -v chromium >/dev/null; then
  apt_install chromium || say "warning: chromium (Debian package chromium) is missing: the feedback page's browser test will be skipped"
fi

# --- fonts for the PNG plots (ScottPlot's SkiaSharp asks for DejaVu Sans by name) -----------------
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  apt_install fonts-dejavu-core || say "warning: fonts-dejavu-core (Debian package) is missing: plots will have no text"
fi

# --- Fashion-MNIST (IDX files) for the IDX reader's test on real data --------------------------------
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  apt_install dataset-fashion-mnist || say "note: dataset-fashion-mnist (Debian package) is missing: its IDX test will be skipped"
fi

# --- 4. restore and build --------------------------------------------------------------------
if [ "${NEURO_SETUP_NO_BUILD:-0}" != 1 ]; then
  # ReadyToRun images of Roslyn, TorchSharp and the CLI's libraries (tools/r2r; once, about a minute of CPU): the grader's compile child and
  # runner children then start without JIT-compiling them. Without them everything works, only slower.
  if [ "$(uname -m)" = x86_64 ] && [ ! -f .native/r2r/.stamp-2 ]; then
    say "precompiling Roslyn and TorchSharp (ReadyToRun, once)"
    dotnet build tools/r2r/r2r.csproj -nologo -v q -clp:ErrorsOnly >/dev/null \
      || say "warning: the ReadyToRun images could not be built (see: dotnet build tools/r2r/r2r.csproj); grading stays correct, only slower"
  fi
  dotnet build NeuroExercises.sln -nologo -v q -clp:ErrorsOnly
fi
say "ready"
