# kithctl area "circle": circles of accounts that see each other (see docs/invites.md). Sourced by bin/kithctl.

help_circle() {
    cat <<'EOF_HELP'
  circle list                        list circles with their members
  circle create NAME                 create a circle
  circle delete NAME                 delete a circle (its members leave it; not the default circle)
  circle add-member NAME USER        add an account; it gets every member on its roster and vice versa
  circle remove-member NAME USER     remove an account and the roster entries the circle gave it
  circle add-room NAME TITLE         give the circle another group chat; its members get it bookmarked
  circle remove-room NAME ROOM       remove one of the circle's rooms (not its last one)
EOF_HELP
}

cmd_circle() {
    local action=${1-}
    shift || true
    case $action in
        list)
            (($# == 0)) || kith_die "usage: kithctl circle list"
            kith_api GET /circles
            ;;
        create)
            (($# == 1)) || kith_die "usage: kithctl circle create NAME"
            kith_api POST /circles "{\"name\":$(kith_json_string "$1")}"
            ;;
        delete)
            (($# == 1)) || kith_die "usage: kithctl circle delete NAME"
            kith_api DELETE "/circles/$(kith_urlencode "$1")"
            ;;
        add-member)
            (($# == 2)) || kith_die "usage: kithctl circle add-member NAME USER"
            kith_api PUT "/circles/$(kith_urlencode "$1")/members/$(kith_urlencode "$2")"
            ;;
        remove-member)
            (($# == 2)) || kith_die "usage: kithctl circle remove-member NAME USER"
            kith_api DELETE "/circles/$(kith_urlencode "$1")/members/$(kith_urlencode "$2")"
            ;;
        add-room)
            (($# == 2)) || kith_die "usage: kithctl circle add-room NAME TITLE"
            kith_api POST "/circles/$(kith_urlencode "$1")/rooms" "{\"title\":$(kith_json_string "$2")}"
            ;;
        remove-room)
            (($# == 2)) || kith_die "usage: kithctl circle remove-room NAME ROOM"
            kith_api DELETE "/circles/$(kith_urlencode "$1")/rooms/$(kith_urlencode "$2")"
            ;;
        *)
            kith_die "unknown command 'circle ${action}'; see kithctl --help"
            ;;
    esac
}
