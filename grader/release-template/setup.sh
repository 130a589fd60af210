#!/usr/bin/env bash
# Set-up of the NeuroExercises student release: idempotent, quick when already done. It needs the .NET 10 SDK and
# NuGet (the packages are restored from nuget.org, or from your NuGet cache), and changes nothing outside this folder
# except installing a few Debian packages when they are missing:
#  1. checks the .NET SDK;
#  2. when this machine's libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04), builds a local fix for
#     TorchSharp's shim into .native/ (installs Debian's g++ and patchelf if missing);
#  3. installs Debian's bubblewrap (the sandbox 'check' runs your code in) if missing — optional;
#     and Debian's dataset-fashion-mnist (the data the Fashion-MNIST weeks train on) if missing — optional;
#  4. restores and builds the release (Core, your exercise projects, the checks, the grader).
# Set NEURO_SETUP_NO_BUILD=1 to skip step 4.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || die "the .NET 10 SDK is not on PATH: install it (Debian/Ubuntu package dotnet-sdk-10.0, or https://dot.net) and run ./setup.sh again"

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
  [ -f "$shim" ] || die "TorchSharp 0.107.0 is not in $packages after restore: check that NuGet (nuget.org) is reachable"
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

# --- 2b. MKL's kernels on AMD processors (optional: only speed) ------------------------------------
# libtorch's MKL runs a generic code path on AMD processors; a one-function library (tools/native/mkl) lets it use the
# processor's AVX2/AVX-512 kernels, about 2x faster matrix products. NEURO_MKL_GENERIC=1 turns it off at run time.
mkl="$root/.native/mkl"
if [ "$(uname -m)" = x86_64 ] && grep -q '^vendor_id.*AuthenticAMD' /proc/cpuinfo 2>/dev/null && [ -f tools/native/mkl/mkl_vendor.c ]; then
  want=$(sha256sum tools/native/mkl/mkl_vendor.c | cut -d' ' -f1)
  if [ ! -f "$mkl/.stamp" ] || [ "$(cat "$mkl/.stamp")" != "$want" ]; then
    if command -v gcc >/dev/null; then
      rm -rf "$mkl"; mkdir -p "$mkl"
      gcc -O2 -shared -fPIC -o "$mkl/libneuro_mkl_vendor.so" tools/native/mkl/mkl_vendor.c
      echo "$want" > "$mkl/.stamp"
      say "MKL's AVX2/AVX-512 kernels enabled for this AMD processor"
    else
      say "note: without gcc libtorch's MKL keeps its generic (slower, equally correct) kernels on this AMD processor"
    fi
  fi
fi

# --- 3. the sandbox 'check' runs your code in (optional) ----------------------------------------
if ! command -v bwrap >/dev/null; then
  apt_install bubblewrap || say "note: bubblewrap (Debian package bubblewrap) is missing: 'check' runs your code without its sandbox and says so"
fi
if [ ! -d /usr/share/datasets/fashion-mnist ] && [ -z "${NEURO_FASHION_MNIST_DIR:-}" ]; then
  apt_install dataset-fashion-mnist || say "note: dataset-fashion-mnist (Debian package) is missing: install it, or set NEURO_FASHION_MNIST_DIR to a folder with the four IDX files, before training on Fashion-MNIST"
fi

# --- 4. restore and build --------------------------------------------------------------------
if [ "${NEURO_SETUP_NO_BUILD:-0}" != 1 ]; then
  dotnet build NeuroExercises.sln -nologo -v q -clp:ErrorsOnly
fi
say "ready"
