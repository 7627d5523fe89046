#!/bin/sh
# Loopscope's guardian: a POSIX shell script in a session of its own, so it needs no Electron-as-Node
# (the RunAsNode fuse stays off) and outlives the main process however that dies, SIGKILL included.
#
# It reads one line a message on stdin (see guardianProtocol.ts, which writes them):
#   +PID KEY GROUP   track a process; KEY is its start time as the kernel reports it (0: read it here);
#                    GROUP 1: it leads its own process group, whose members are ended with it
#   -PID             forget it (it exited and was reaped); a group leader's group is still ended at
#                    the end, for orphans stay in the group of the lab process that made them
#   >DIR             remove this scenario folder at the end (a loopscope-* folder under the temp dir)
#   <DIR             forget it (removed already)
# When stdin ends (the main process closed it, or died), it ends every tracked process that is still
# the same process (pid and start time together: a reused pid keeps its life), with its descendants
# and the members of its group, removes the folders, and exits.

set -f # no globbing of the words we split
trap '' INT HUP TERM # a terminal's Ctrl-C or hang-up must not end it before its work is done

NL='
'
tracked=''
# Groups whose leader was reaped: "PGID KEY" lines, the leader's start time bounding its members'.
orphaned_groups=''
folders=''

# The start time of a process, as a word; fails when the process is gone.
start_key() {
  if [ -d /proc/self ]; then
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$stat" ] || return 1
    # Fields after the last ')' of the command name: state is field 3, starttime field 22.
    set -- ${stat##*) }
    shift 19
    printf '%s\n' "$1"
  else
    key=$(ps -o lstart= -p "$1" 2>/dev/null | tr -s ' ' '_')
    [ -n "$key" ] || return 1
    printf '%s\n' "$key"
  fi
}

# The process group of a live process (Linux: field 5 of its stat).
group_of() {
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  set -- ${stat##*) }
  printf '%s\n' "$3"
}

# Every descendant, depth first. A loop's word list is expanded before it runs, so the recursion
# reusing the variable `child` does not disturb the caller's loop.
descendants() {
  if [ -d /proc/self ]; then
    set +f # the one glob we mean
    children=$(cat /proc/"$1"/task/*/children 2>/dev/null)
    set -f
  else
    children=$(pgrep -P "$1" 2>/dev/null)
  fi
  for child in $children; do
    printf '%s\n' "$child"
    descendants "$child"
  done
}

# Members of a process group whose leader has gone (Linux): an orphan that stayed in the group of
# the lab process it came from. Only members that started after the leader can be its own: a group
# id is free for reuse only once every member has gone.
group_members() {
  set +f # the one glob we mean
  stat_files=$(printf '%s\n' /proc/[0-9]*/stat)
  set -f
  for stat_file in $stat_files; do
    pid=${stat_file#/proc/}
    pid=${pid%/stat}
    [ "$(group_of "$pid")" = "$1" ] || continue
    member_key=$(start_key "$pid") || continue
    [ "$member_key" -ge "$2" ] 2>/dev/null && printf '%s\n' "$pid"
  done
}

without() { # the lines of $1 whose first word is not $2
  kept=''
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    case "$entry" in "$2 "* | "$2") ;; *) kept="$kept$entry$NL" ;; esac
  done <<EOF
$1
EOF
  printf '%s' "$kept"
}

while IFS= read -r line; do
  case "$line" in
    +*)
      set -- ${line#+}
      case "$1$2$3" in *[!0-9A-Za-z_:]* | '') continue ;; esac
      key=$2
      [ "$key" = 0 ] && { key=$(start_key "$1") || continue; }
      tracked="$(without "$tracked" "$1")$NL$1 $key $3$NL"
      ;;
    -*)
      pid=${line#-}
      entry=$(printf '%s\n' "$tracked" | grep -m1 "^$pid ")
      tracked=$(without "$tracked" "$pid")
      set -- $entry
      [ "$3" = 1 ] && orphaned_groups="$(without "$orphaned_groups" "$pid")$NL$pid $2$NL"
      ;;
    '>'*)
      dir=${line#>}
      case "$dir" in /*/loopscope-* ) case "$dir" in *..*) ;; *) folders="$folders$dir$NL" ;; esac ;; esac
      ;;
    '<'*) folders=$(without "$folders" "${line#<}") ;;
  esac
done

victims=''
groups=''
while IFS=' ' read -r pid key group; do
  [ -n "$pid" ] || continue
  if now=$(start_key "$pid"); then
    [ "$now" = "$key" ] || continue # the pid was reused: not ours
    victims="$victims $pid $(descendants "$pid")"
    [ "$group" = 1 ] && groups="$groups $pid"
  elif [ "$group" = 1 ]; then
    orphaned_groups="$orphaned_groups$pid $key$NL"
  fi
done <<EOF
$tracked
EOF

# A group outlives its leader while members remain, and its id cannot be reused until it is empty; a
# live process with the leader's pid is a new leader of a new group, not ours.
if [ -d /proc/self ]; then
  while IFS=' ' read -r pgid key; do
    [ -n "$pgid" ] || continue
    [ -e "/proc/$pgid" ] && continue
    for member in $(group_members "$pgid" "$key"); do victims="$victims $member $(descendants "$member")"; done
  done <<EOF
$orphaned_groups
EOF
fi

for pgid in $groups; do kill -KILL -- "-$pgid" 2>/dev/null; done
for pid in $victims; do kill -KILL "$pid" 2>/dev/null; done
while IFS= read -r dir; do [ -n "$dir" ] && rm -rf -- "$dir"; done <<EOF
$folders
EOF
exit 0
