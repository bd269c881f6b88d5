#!/usr/bin/env escript
%% erlang_echo.escript — a TLS 1.3 echo server on Erlang/OTP's ssl application (Debian
%% erlang-ssl), an interop peer for `tls13 connect` (tests/interop/run_peers.sh).
%%
%%   escript erlang_echo.escript -port P -cert C -key K [-groups x25519,secp256r1,secp384r1]
%%           [-alpn h2] [-verify-client CA] [-keyupdate] [-reset]
%%
%% Serves connections on 127.0.0.1:P, for ever (one process per connection): everything
%% received is sent back unchanged; the client's close_notify is answered with ours. Options:
%%   -groups         the key exchange groups accepted (fewer: a HelloRetryRequest)
%%   -alpn           the protocol the server selects (RFC 7301)
%%   -verify-client  send a CertificateRequest naming CA; an empty Certificate is accepted
%%   -keyupdate      before echoing the first data, send KeyUpdate(update_requested) (§4.6.3)
%%   -reset          after echoing the first data: close_notify and close TCP at once, without
%%                   waiting for the client's close_notify (RFC 8446 §6.1 allows it); what the
%%                   client sends next is answered by a TCP reset
%% All three TLS 1.3 suites are enabled (the client chooses); stateless session tickets on.
-mode(compile).

main(Args) ->
    Opts = parse(Args, #{groups => "x25519,secp256r1,secp384r1"}),
    {ok, _} = application:ensure_all_started(ssl),
    Groups = [list_to_atom(G) || G <- string:split(maps:get(groups, Opts), ",", all)],
    Base = [binary, {active, false}, {reuseaddr, true}, {ip, {127, 0, 0, 1}},
            {versions, ['tlsv1.3']},
            {certfile, maps:get(cert, Opts)}, {keyfile, maps:get(key, Opts)},
            {supported_groups, Groups},
            {session_tickets, stateless}],
    Alpn = case maps:find(alpn, Opts) of
               {ok, P} -> [{alpn_preferred_protocols, [list_to_binary(P)]}];
               error -> []
           end,
    Verify = case maps:find(verify_ca, Opts) of
                 {ok, CA} -> [{verify, verify_peer}, {fail_if_no_peer_cert, false},
                              {cacertfile, CA}];
                 error -> [{verify, verify_none}]
             end,
    Port = maps:get(port, Opts),
    {ok, Listen} = ssl:listen(Port, Base ++ Alpn ++ Verify),
    io:format(standard_error, "erlang_echo: listening on 127.0.0.1:~p (OTP ~s ssl ~s)~n",
              [Port, erlang:system_info(otp_release), app_vsn(ssl)]),
    accept(Listen, Opts).

app_vsn(App) ->
    {ok, V} = application:get_key(App, vsn),
    V.

parse([], Acc) -> Acc;
parse(["-port", V | T], Acc) -> parse(T, Acc#{port => list_to_integer(V)});
parse(["-cert", V | T], Acc) -> parse(T, Acc#{cert => V});
parse(["-key", V | T], Acc) -> parse(T, Acc#{key => V});
parse(["-groups", V | T], Acc) -> parse(T, Acc#{groups => V});
parse(["-alpn", V | T], Acc) -> parse(T, Acc#{alpn => V});
parse(["-verify-client", V | T], Acc) -> parse(T, Acc#{verify_ca => V});
parse(["-keyupdate" | T], Acc) -> parse(T, Acc#{keyupdate => true});
parse(["-reset" | T], Acc) -> parse(T, Acc#{reset => true});
parse([Other | _], _) ->
    io:format(standard_error, "erlang_echo: unknown argument ~s~n", [Other]),
    halt(2).

accept(Listen, Opts) ->
    {ok, T} = ssl:transport_accept(Listen),
    Pid = spawn(fun() -> receive go -> serve(T, Opts) end end),
    ok = ssl:controlling_process(T, Pid),
    Pid ! go,
    accept(Listen, Opts).

serve(T, Opts) ->
    case ssl:handshake(T, 20000) of
        {ok, S} ->
            io:format(standard_error, "erlang_echo: connected: ~p~n",
                      [ssl:connection_information(S, [selected_cipher_suite, session_resumption])]),
            echo(S, Opts, true);
        {error, Reason} ->
            io:format(standard_error, "erlang_echo: handshake failed: ~p~n", [Reason])
    end.

%% Active mode, one message at a time: data, or the peer's close_notify (ssl_closed).
echo(S, Opts, First) ->
    ok = ssl:setopts(S, [{active, once}]),
    receive
        {ssl, S, Data} ->
            case First andalso maps:get(keyupdate, Opts, false) of
                true -> ok = ssl:update_keys(S, read_write);
                false -> ok
            end,
            ok = ssl:send(S, Data),
            case maps:get(reset, Opts, false) of
                true ->
                    %% ssl:close sends close_notify and closes TCP at once; what the client
                    %% sends after that (a KeyUpdate reply, its close_notify) is answered by
                    %% a TCP reset. (Not linger 0: ssl's sender process may not have handed
                    %% the data and close_notify to the kernel yet, and a reset drops them.)
                    ssl:close(S),
                    io:format(standard_error, "erlang_echo: sent close_notify and closed~n", []);
                false ->
                    echo(S, Opts, false)
            end;
        {ssl_closed, S} ->
            ssl:close(S);
        {ssl_error, S, Reason} ->
            io:format(standard_error, "erlang_echo: ~p~n", [Reason]),
            ssl:close(S)
    after 30000 ->
        ssl:close(S)
    end.
