# Installs the WiX Toolset 3 that JDK 17's jpackage needs for an .msi (it calls candle.exe and
# light.exe; WiX 4 and later have neither, and only JDK 24's jpackage speaks them), and puts its
# bin folder on the PATH of the workflow's later steps.
# Usage: packaging/windows/install-wix.ps1 -Version 3.14.1.20250415   (a Chocolatey package version)
param([Parameter(Mandatory = $true)][string]$Version)
$ErrorActionPreference = 'Stop'

choco install wixtoolset --version $Version --no-progress -y
if ($LASTEXITCODE -ne 0) { throw "choco could not install wixtoolset $Version" }

$major = $Version.Split('.')[0]
$minor = $Version.Split('.')[1]
$bin = Join-Path ${env:ProgramFiles(x86)} "WiX Toolset v$major.$minor\bin"
if (-not (Test-Path (Join-Path $bin 'candle.exe'))) { throw "candle.exe is not in $bin" }
if ($env:GITHUB_PATH) { $bin | Out-File -Append -FilePath $env:GITHUB_PATH -Encoding utf8 }
$env:PATH = "$bin;$env:PATH"
$banner = (& candle.exe -? | Select-Object -First 1)
Write-Output "install-wix: $banner"
if ($banner -notmatch "version $major\.$minor") { throw "candle.exe on PATH is not WiX $major.$minor" }
