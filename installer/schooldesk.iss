; 学校档案桌面 SchoolDesk — a per-user setup: no administrator rights, installed into
; %LOCALAPPDATA%\Programs\SchoolDesk, Chinese wizard (English available). The uninstaller removes the program
; and never the data folder %LOCALAPPDATA%\SchoolDesk: the school's records stay until someone deletes them.
; An upgrade installs over the older version; the app migrates the data at its next start, after its own backup.
;
; Compile:  ISCC.exe /DAppVersion=0.1.0 /DSourceDir=<the PyInstaller folder dist\SchoolDesk> installer\schooldesk.iss
; (tools/winlane/lane.sh installer does it under Wine on the real Windows build; .github/workflows/windows.yml on
; a Windows runner.)

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\SchoolDesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
AppId={{6B1F3C52-7E0A-4C55-9A57-5C4F2E0B9D11}
AppName=学校档案桌面 SchoolDesk
AppVersion={#AppVersion}
AppVerName=学校档案桌面 SchoolDesk {#AppVersion}
AppPublisher=SchoolDesk
VersionInfoVersion={#AppVersion}
VersionInfoProductName=学校档案桌面 SchoolDesk
DefaultDirName={localappdata}\Programs\SchoolDesk
DefaultGroupName=学校档案桌面 (SchoolDesk)
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=SchoolDesk-Setup-{#AppVersion}
SetupIconFile=..\resources\icon.ico
UninstallDisplayIcon={app}\SchoolDesk.exe
UninstallDisplayName=学校档案桌面 SchoolDesk
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Chinese first, whatever the Windows language; English can be chosen in the first dialog.
LanguageDetectionMethod=none
ShowLanguageDialog=yes
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DesktopShortcut=创建桌面快捷方式(&D)
english.DesktopShortcut=Create a &desktop shortcut
chinesesimplified.ShortcutsGroup=快捷方式：
english.ShortcutsGroup=Shortcuts:
chinesesimplified.StartNow=现在运行学校档案桌面
english.StartNow=Start SchoolDesk now

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program folder's libraries whole (old ones left behind could shadow new ones).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\学校档案桌面 (SchoolDesk)"; Filename: "{app}\SchoolDesk.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\学校档案桌面 (SchoolDesk)"; Filename: "{app}\SchoolDesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\SchoolDesk.exe"; Description: "{cm:StartNow}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder holds. The data folder ({localappdata}\SchoolDesk: the database, backups,
; photos, logs) is never named here, so uninstalling never touches it.
Type: filesandordirs; Name: "{app}\_internal"
