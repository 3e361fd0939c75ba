package org.intersession.gateway.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.gateway.apiclient.ApiClient;
import org.intersession.gateway.user.IdentityEvents;
import org.intersession.gateway.user.User;
import org.intersession.gateway.user.UserStatus;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.problem.ApiProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Logins, token grants, logout and invitation acceptance. Failures never say which part was wrong. */
@ApplicationScoped
public class AuthService {

    /** bcrypt's cost for every password; also the dummy's, or a known email would answer measurably slower. */
    static final int PASSWORD_COST = 12;
    /** Checked when there is no account to check, so that a miss costs exactly as much time as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("intersession-no-such-user", PASSWORD_COST);

    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final OperatorConfig operator;
    private final IdentityEvents events;

    AuthService(TokenIssuer issuer, RefreshTokens refreshTokens, LoginThrottle throttle, OperatorConfig operator,
                IdentityEvents events) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.operator = operator;
        this.events = events;
    }

    @Transactional
    public TokenResponse login(@NotNull @Valid Credentials.Login login, String ip) {
        throttle.checkAllowed(login.email(), ip);
        if (isOperator(login)) {
            throttle.recordSuccess(login.email(), ip);
            return TokenResponse.bearer(issuer.forOperator(), issuer.lifetimeSeconds(), null);
        }
        User user = accountFor(login).orElse(null);
        // exactly one query and one bcrypt of the same cost on every path, whichever part was wrong
        boolean matches = BcryptUtil.matches(login.password(), user == null ? DUMMY_HASH : user.passwordHash);
        if (user == null || !matches) {
            throttle.recordFailure(login.email(), ip);
            throw invalidCredentials();
        }
        throttle.recordSuccess(login.email(), ip);
        return tokensFor(user, refreshTokens.startFamily(user.id));
    }

    /**
     * Accounts are per clinic. The login names the clinic, or the address must have exactly one active account;
     * with several, the caller is told (as for every failure) to name the clinic, so nothing distinguishes the cases.
     */
    private static java.util.Optional<User> accountFor(Credentials.Login login) {
        java.util.List<User> accounts = User.activeWithEmail(login.email()).stream()
                .filter(u -> login.clinicId() == null || u.clinicId.equals(login.clinicId()))
                .filter(u -> u.passwordHash != null)
                .toList();
        return accounts.size() == 1 ? java.util.Optional.of(accounts.get(0)) : java.util.Optional.empty();
    }

    /** A replayed token's family is revoked even though the request fails, so that revocation must commit. */
    @Transactional(dontRollbackOn = ApiProblemException.class)
    public TokenResponse refresh(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            throw ApiProblemException.invalidField("refresh_token", "required");
        }
        RefreshTokens.Rotated rotated = refreshTokens.rotate(presented).orElseThrow(AuthService::invalidGrant);
        User user = User.<User>findByIdOptional(rotated.userId())
                .filter(u -> u.status == UserStatus.ACTIVE).orElseThrow(AuthService::invalidGrant);
        return tokensFor(user, rotated.session());
    }

    /** OAuth 2.0 client credentials grant (RFC 6749 §4.4) for the apps of clinics. */
    @Transactional
    public TokenResponse clientCredentials(String clientId, String clientSecret, String ip) {
        if (clientId == null || clientSecret == null || clientId.length() > 64 || clientSecret.length() > 200) {
            throw new ApiProblemException(401, "Invalid client credentials");
        }
        throttle.checkAllowed("client:" + clientId, ip);
        ApiClient client = ApiClient.<ApiClient>find("clientId", clientId).firstResultOptional()
                .filter(c -> c.revokedAt == null)
                .filter(c -> Secrets.sameHash(clientSecret, c.secretHash))
                .orElse(null);
        if (client == null) {
            throttle.recordFailure("client:" + clientId, ip);
            throw new ApiProblemException(401, "Invalid client credentials");
        }
        return TokenResponse.bearer(issuer.forApiClient(client.id, client.clinicId, client.scopeSet()), issuer.lifetimeSeconds(), null);
    }

    @Transactional
    public void logout(@NotNull @Valid Credentials.Logout logout) {
        refreshTokens.revokeFamilyOf(logout.refreshToken());
    }

    /** Sets the password of an invited user, once, and logs them in. */
    @Transactional
    public TokenResponse acceptInvitation(@NotNull @Valid Credentials.AcceptInvitation request, String ip) {
        Invitation invitation = Invitation.<Invitation>findByIdOptional(Secrets.hash(request.token()),
                        jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(i -> i.open(OffsetDateTime.now(ZoneOffset.UTC)))
                .orElseThrow(() -> new ApiProblemException(400, "The invitation is unknown, used or expired"));
        User user = User.<User>findByIdOptional(invitation.userId).filter(u -> u.status != UserStatus.DEACTIVATED)
                .orElseThrow(() -> new ApiProblemException(400, "The invitation is unknown, used or expired"));
        invitation.usedAt = OffsetDateTime.now(ZoneOffset.UTC);
        user.passwordHash = BcryptUtil.bcryptHash(request.password(), PASSWORD_COST);
        throttle.recordSuccess(user.email, ip);
        if (user.status == UserStatus.INVITED) {
            user.status = UserStatus.ACTIVE;
            user.updatedAt = invitation.usedAt;
            events.userChanged(UserChanged.UPDATED, user);
        }
        return tokensFor(user, refreshTokens.startFamily(user.id));
    }

    private TokenResponse tokensFor(User user, RefreshTokens.Session session) {
        return TokenResponse.bearer(issuer.forUser(user.id, user.clinicId, user.role.name(), session.id()),
                issuer.lifetimeSeconds(), session.refreshToken());
    }

    private boolean isOperator(Credentials.Login login) {
        return operator.password().filter(p -> !p.isBlank())
                .map(password -> login.email().strip().toLowerCase(Locale.ROOT).equals(operator.email().toLowerCase(Locale.ROOT))
                        && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), login.password().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static ApiProblemException invalidCredentials() {
        return new ApiProblemException(401, "Invalid email or password (if this email has an account at more than one "
                + "clinic, also send clinicId)");
    }

    private static ApiProblemException invalidGrant() {
        return new ApiProblemException(400, "The refresh token is invalid, expired or revoked");
    }
}
