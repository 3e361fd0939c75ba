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

    /** Checked when the email is unknown, so that a miss costs as much time as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("intersession-no-such-user");

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
            throttle.recordSuccess(login.email());
            return TokenResponse.bearer(issuer.forOperator(), issuer.lifetimeSeconds(), null);
        }
        User user = User.findByEmail(login.email()).orElse(null);
        boolean matches = BcryptUtil.matches(login.password(),
                user == null || user.passwordHash == null ? DUMMY_HASH : user.passwordHash);
        if (user == null || !matches || user.status != UserStatus.ACTIVE) {
            throttle.recordFailure(login.email(), ip);
            throw invalidCredentials();
        }
        throttle.recordSuccess(login.email());
        return tokensFor(user, refreshTokens.startFamily(user.id));
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
        return tokensFor(user, rotated.refreshToken());
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
    public TokenResponse acceptInvitation(@NotNull @Valid Credentials.AcceptInvitation request) {
        Invitation invitation = Invitation.<Invitation>findByIdOptional(Secrets.hash(request.token()),
                        jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(i -> i.usedAt == null && i.expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC)))
                .orElseThrow(() -> new ApiProblemException(400, "The invitation is unknown, used or expired"));
        User user = User.<User>findByIdOptional(invitation.userId).filter(u -> u.status != UserStatus.DEACTIVATED)
                .orElseThrow(() -> new ApiProblemException(400, "The invitation is unknown, used or expired"));
        invitation.usedAt = OffsetDateTime.now(ZoneOffset.UTC);
        user.passwordHash = BcryptUtil.bcryptHash(request.password(), 12);
        if (user.status == UserStatus.INVITED) {
            user.status = UserStatus.ACTIVE;
            user.updatedAt = invitation.usedAt;
            events.userChanged(UserChanged.UPDATED, user);
        }
        return tokensFor(user, refreshTokens.startFamily(user.id));
    }

    private TokenResponse tokensFor(User user, String refreshToken) {
        return TokenResponse.bearer(issuer.forUser(user.id, user.clinicId, user.role.name()), issuer.lifetimeSeconds(), refreshToken);
    }

    private boolean isOperator(Credentials.Login login) {
        return operator.password().filter(p -> !p.isBlank())
                .map(password -> login.email().strip().toLowerCase(Locale.ROOT).equals(operator.email().toLowerCase(Locale.ROOT))
                        && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), login.password().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static ApiProblemException invalidCredentials() {
        return new ApiProblemException(401, "Invalid email or password");
    }

    private static ApiProblemException invalidGrant() {
        return new ApiProblemException(400, "The refresh token is invalid, expired or revoked");
    }
}
