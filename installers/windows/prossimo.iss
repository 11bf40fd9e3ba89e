; Inno Setup script for the Windows build (documented, not run here: Inno Setup is Windows-only).
; Packs the PyInstaller onedir bundle dist\prossimo into one installer, installed per machine
; under Program Files. Build on Windows from the repository root:
;   pyinstaller installers\prossimo.spec            (gives dist\prossimo\prossimo.exe)
;   iscc /DAppVersion=0.1.0 installers\windows\prossimo.iss
; then sign dist\installer\prossimo-setup-*.exe with installers/windows/sign-windows.sh (from
; Linux, osslsigncode) or signtool, and sign the result with installers/sign.sh.
; No key or certificate is referenced here: signing is a separate step.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1B1E52-3C4A-4B7E-9B7A-50A0F0C1D16A}
AppName=Prossimo
AppVersion={#AppVersion}
AppPublisher=Prossimo
DefaultDirName={autopf}\Prossimo
DefaultGroupName=Prossimo
; IT installs for all operators of the laptop; the per-user encrypted store stays in %APPDATA%.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=prossimo-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The uninstaller never deletes the operator's data: only the files it installed.
UninstallDisplayIcon={app}\prossimo.exe

[Languages]
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\prossimo\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Prossimo"; Filename: "{app}\prossimo.exe"
Name: "{autodesktop}\Prossimo"; Filename: "{app}\prossimo.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
; A post-install self-test IT can read in the log; it touches only a temporary store.
Filename: "{app}\prossimo.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated skipifsilent
