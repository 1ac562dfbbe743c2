; What electron-builder's NSIS installer does not do the way Openfax Desktop needs:
;
; "Open with → Openfax Desktop" for the document types the app takes, for this user, without
; making it the default for any of them: the types list the app's ProgID under OpenWithProgids,
; and the app lists its SupportedTypes. (electron-builder's own fileAssociations would set
; each type's default.) The types are shared/document-kinds.ts's DOCUMENT_EXTENSIONS; a test
; keeps this copy in step.
;
; Uninstall keeps the user's faxes, contacts and settings (%APPDATA%\Openfax Desktop) unless
; they say otherwise. Never asked while an update replaces the app (electron-updater runs the
; old uninstaller with --updated) or in a silent uninstall; /SD IDNO keeps the data there.

!define OPENFAX_PROGID "OpenfaxDesktop.Document"

!macro openfaxOpenWith EXT
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${OPENFAX_PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\SupportedTypes" "${EXT}" ""
!macroend

!macro openfaxNoOpenWith EXT
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${OPENFAX_PROGID}"
!macroend

!macro customInstall
  WriteRegStr HKCU "Software\Classes\${OPENFAX_PROGID}" "" "Document to fax"
  WriteRegStr HKCU "Software\Classes\${OPENFAX_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr HKCU "Software\Classes\${OPENFAX_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  !insertmacro openfaxOpenWith ".pdf"
  !insertmacro openfaxOpenWith ".png"
  !insertmacro openfaxOpenWith ".jpg"
  !insertmacro openfaxOpenWith ".jpeg"
  !insertmacro openfaxOpenWith ".tif"
  !insertmacro openfaxOpenWith ".tiff"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    !insertmacro openfaxNoOpenWith ".pdf"
    !insertmacro openfaxNoOpenWith ".png"
    !insertmacro openfaxNoOpenWith ".jpg"
    !insertmacro openfaxNoOpenWith ".jpeg"
    !insertmacro openfaxNoOpenWith ".tif"
    !insertmacro openfaxNoOpenWith ".tiff"
    DeleteRegKey HKCU "Software\Classes\${OPENFAX_PROGID}"
    DeleteRegKey HKCU "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "Also delete your Openfax Desktop data?$\r$\n$\r$\nYour faxes, contacts and settings are in $APPDATA\${PRODUCT_FILENAME}. Choose No to keep them for a later install. (Your API key stays in Windows Credential Manager until you remove the account in Settings.)" /SD IDNO IDNO openfaxKeepData
      ; Electron keeps app data per user, whichever way the app was installed.
      ${if} $installMode == "all"
        SetShellVarContext current
      ${endif}
      RMDir /r "$APPDATA\${PRODUCT_FILENAME}"
      RMDir /r "$LOCALAPPDATA\${APP_PACKAGE_NAME}-updater"
      ${if} $installMode == "all"
        SetShellVarContext all
      ${endif}
    openfaxKeepData:
  ${endIf}
!macroend
