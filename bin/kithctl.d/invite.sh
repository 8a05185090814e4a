# kithctl area "invite": invitations (see docs/invites.md). Sourced by bin/kithctl.

help_invite() {
    cat <<'EOF_HELP'
  invite create [--admin] [--circle NAME]... [--uses N] [--expires DURATION] [--user NAME] [--note TEXT]
                                     create an invite; prints the landing-page URL and the xmpp: URI
                                     (DURATION: 1h to 4w, e.g. 12h, 7d, 2w; default 7d)
  invite reset USER                  a one-time link to set a new password of USER (valid 24 h)
  invite list                        list invites with their state and uses
  invite revoke ID                   withdraw an invite
EOF_HELP
}

cmd_invite() {
    local action=${1-}
    shift || true
    case $action in
        create)
            local kind=account uses='' expires='' user='' note='' circles=''
            while (($#)); do
                case $1 in
                    --admin) kind=admin ;;
                    --circle)
                        (($# >= 2)) || kith_die "--circle needs a name"
                        circles+="${circles:+,}$(kith_json_string "$2")"; shift ;;
                    --uses)
                        [[ ${2-} =~ ^[0-9]+$ ]] || kith_die "--uses needs a number"
                        uses=$2; shift ;;
                    --expires)
                        (($# >= 2)) || kith_die "--expires needs a duration such as 7d"
                        expires=$2; shift ;;
                    --user)
                        (($# >= 2)) || kith_die "--user needs a name"
                        user=$2; shift ;;
                    --note)
                        (($# >= 2)) || kith_die "--note needs a text"
                        note=$2; shift ;;
                    *) kith_die "unknown option $1 for 'invite create'" ;;
                esac
                shift
            done
            if [[ -n $circles && $kind == account ]]; then
                kind=circle
            fi
            local body="{\"kind\":\"$kind\""
            [[ -n $uses ]] && body+=",\"uses\":$uses"
            [[ -n $expires ]] && body+=",\"expires\":$(kith_json_string "$expires")"
            [[ -n $user ]] && body+=",\"user\":$(kith_json_string "$user")"
            [[ -n $note ]] && body+=",\"note\":$(kith_json_string "$note")"
            [[ -n $circles ]] && body+=",\"circles\":[$circles]"
            kith_api POST /invites "$body}"
            ;;
        reset)
            (($# == 1)) || kith_die "usage: kithctl invite reset USER"
            kith_api POST /invites "{\"kind\":\"reset\",\"user\":$(kith_json_string "$1")}"
            ;;
        list)
            (($# == 0)) || kith_die "usage: kithctl invite list"
            kith_api GET /invites
            ;;
        revoke)
            (($# == 1)) && [[ $1 =~ ^[0-9]+$ ]] || kith_die "usage: kithctl invite revoke ID"
            kith_api DELETE "/invites/$1"
            ;;
        *)
            kith_die "unknown command 'invite ${action}'; see kithctl --help"
            ;;
    esac
}
