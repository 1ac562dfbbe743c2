// The scripts that drive Microsoft Word. Both are constants: the documents' paths reach them
// only as data (Windows: a UTF-8 list file named by $env:OPENFAX_MERGE_LIST, one
// "docx<TAB>pdf" pair a line; macOS: the run handler's argv), never as script text, so no
// quoting rule has to be right for every character a path may hold (PowerShell also closes '…'
// on ‘ ’ ‚ ‛; AppleScript strings end at any unescaped ").
//
// Each prints OPENFAX-START n before document n and OPENFAX-DONE n / OPENFAX-FAIL n <why>
// after it, which the batch runner reads as progress; Windows also prints OPENFAX-PID of the
// Word it started (a COM server outside PowerShell's process tree), so a timeout kills it too.

export const WORD_LIST_ENV = 'OPENFAX_MERGE_LIST';

/** Windows PowerShell 5.1 (every Windows 10/11 has it) through Word's COM automation. */
export const WORD_POWERSHELL_SCRIPT = `$ErrorActionPreference = 'Stop'
$pairs = @(Get-Content -LiteralPath $env:${WORD_LIST_ENV} -Encoding UTF8 | Where-Object { $_ -ne '' })
$before = @(Get-Process -Name WINWORD -ErrorAction SilentlyContinue | ForEach-Object { $_.Id })
$word = $null
try {
  $word = New-Object -ComObject Word.Application
  Get-Process -Name WINWORD -ErrorAction SilentlyContinue | Where-Object { $before -notcontains $_.Id } | ForEach-Object { [Console]::Out.WriteLine('OPENFAX-PID ' + $_.Id) }
  $word.Visible = $false
  $word.DisplayAlerts = 0
  # msoAutomationSecurityForceDisable: no macro of a document runs.
  $word.AutomationSecurity = 3
  for ($i = 0; $i -lt $pairs.Count; $i++) {
    $pair = $pairs[$i].Split([char]9)
    [Console]::Out.WriteLine('OPENFAX-START ' + $i)
    $doc = $null
    try {
      # FileName, ConfirmConversions, ReadOnly, AddToRecentFiles
      $doc = $word.Documents.Open($pair[0], $false, $true, $false)
      # wdExportFormatPDF
      $doc.ExportAsFixedFormat($pair[1], 17)
      [Console]::Out.WriteLine('OPENFAX-DONE ' + $i)
    } catch {
      [Console]::Out.WriteLine('OPENFAX-FAIL ' + $i + ' ' + ($_.Exception.Message -replace '\\s+', ' '))
    } finally {
      if ($doc -ne $null) { $doc.Close($false) }
    }
  }
} finally {
  if ($word -ne $null) {
    $word.Quit($false)
    [void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($word)
  }
}
`;

/**
 * macOS: Word's AppleScript dictionary. A Word the person already had open is used but not
 * quit; the document is found by its path, since after a crash Word may reopen old windows and
 * "active document" could be one of the person's.
 */
export const WORD_APPLESCRIPT = `on run argv
  set wasRunning to application id "com.microsoft.Word" is running
  with timeout of 3600 seconds
    tell application id "com.microsoft.Word"
      repeat with i from 1 to ((count of argv) div 2)
        set src to item (2 * i - 1) of argv
        set dst to item (2 * i) of argv
        log "OPENFAX-START " & (i - 1)
        try
          open (POSIX file src)
          set theDoc to missing value
          repeat with d in (get documents)
            if (posix full name of d) is src then set theDoc to contents of d
          end repeat
          if theDoc is missing value then error "Word did not open it"
          save as theDoc file name dst file format format PDF
          close theDoc saving no
          log "OPENFAX-DONE " & (i - 1)
        on error errorMessage
          log "OPENFAX-FAIL " & (i - 1) & " " & errorMessage
        end try
      end repeat
      if not wasRunning then quit saving no
    end tell
  end timeout
end run
`;

/** The list file's text: one "docx<TAB>pdf" line per document (paths of our own folders). */
export function wordListText(pairs: readonly { source: string; output: string }[]): string {
  for (const p of [...pairs.flatMap((x) => [x.source, x.output])]) {
    if (/[\t\r\n]/.test(p)) throw new Error(`a path holds a tab or a line break: ${JSON.stringify(p)}`);
  }
  return pairs.map((p) => `${p.source}\t${p.output}\n`).join('');
}

/** PowerShell's -EncodedCommand: base64 of UTF-16LE, so the command line holds no quote to mis-split. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

const LINE = /^OPENFAX-(START|DONE|FAIL|PID) (\d+)(?: (.*))?$/;

export type WordLine =
  | { kind: 'started' | 'done'; at: number }
  | { kind: 'failed'; at: number; detail: string }
  | { kind: 'pid'; pid: number };

/** A line the scripts print, read back. */
export function parseWordLine(line: string): WordLine | undefined {
  const m = LINE.exec(line.trim().replace(/^log:\s*/, ''));
  if (!m) return undefined;
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n)) return undefined;
  switch (m[1]) {
    case 'START':
      return { kind: 'started', at: n };
    case 'DONE':
      return { kind: 'done', at: n };
    case 'FAIL':
      return { kind: 'failed', at: n, detail: (m[3] ?? '').trim() || 'Word gave no reason' };
    default:
      return n > 0 ? { kind: 'pid', pid: n } : undefined;
  }
}
