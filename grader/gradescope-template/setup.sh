#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (the zip is unpacked in /autograder/source).
# It does what the kit's ./setup.sh does (the .NET SDK check, the TorchSharp fix, bubblewrap), then builds the grader.
# Made by: NeuroExercises.Grader gradescope-package --week __WEEK__
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v dotnet >/dev/null; then
  # Gradescope's images are Ubuntu: Microsoft's installer script, into /usr/share/dotnet (the SDK pinned by global.json).
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl ca-certificates libicu-dev >/dev/null
  curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --jsonfile "$here/kit/global.json" --install-dir /usr/share/dotnet
  ln -sf /usr/share/dotnet/dotnet /usr/local/bin/dotnet
fi
cd "$here/kit"
NEURO_SETUP_NO_BUILD=1 ./setup.sh
dotnet build grader/NeuroExercises.Grader -c Release -nologo -v q -clp:ErrorsOnly
echo "autograder ready: $here/kit/grader/NeuroExercises.Grader/bin/Release/net10.0/NeuroExercises.Grader.dll"
