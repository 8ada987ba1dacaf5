package io.slxconnect.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.Page;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the entries of one search (users, or groups) one page at a time with the simple paged
 * results control (RFC 2696), mapping each entry as it comes.
 *
 * <p>A paged-results cookie is only guaranteed on the connection that started the search:
 * OpenLDAP and 389-ds keep the paging state per connection (Active Directory and the UnboundID
 * in-memory server accept it on any connection of the same bind, but we do not rely on that).
 * So a read of several pages keeps one pooled connection checked out; the cursor names it:
 * {@code <token>.<base64url cookie>}, with a new random token per page, so that each cursor is
 * used once. A session left unused for {@link #IDLE_NANOS} is
 * dropped (its connection closed) at the next read, and all are dropped by {@link #close()}.
 * Methods block; call them on a worker thread.
 */
final class EntryPager<T> {

  /** How long a started read may wait for its next page. */
  static final long IDLE_NANOS = 10L * 60 * 1_000_000_000;

  private record Session(LDAPConnection connection, long lastUsedNanos) {
  }

  /**
   * What to read.
   *
   * @param what the objects, for messages ("users", "groups")
   * @param base the base DN
   * @param scope the scope
   * @param filter the filter
   * @param attributes the attributes to request
   */
  record Search(String what, DN base, SearchScope scope, Filter filter, String[] attributes) {
  }

  /** Maps one entry of a page; may read more from the directory on the same connection. */
  @FunctionalInterface
  interface EntryReader<T> {
    T map(LDAPConnection connection, SearchResultEntry entry) throws LDAPException;
  }

  private final LDAPConnectionPool pool;
  private final LdapSettings settings;
  private final Search search;
  private final EntryReader<T> reader;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  EntryPager(LDAPConnectionPool pool, LdapSettings settings, Search search,
      EntryReader<T> reader) {
    this.pool = pool;
    this.settings = settings;
    this.search = search;
    this.reader = reader;
  }

  /**
   * Reads one page.
   *
   * @param cursor {@code null} for the first page, else the previous page's {@code next}
   * @return the page, with a cursor when more entries follow
   * @throws ConnectorException when the directory fails or the cursor is no longer valid
   */
  Page<T> read(String cursor) {
    dropIdleSessions();
    ASN1OctetString cookie;
    LDAPConnection connection;
    if (cursor == null) {
      cookie = null;
      connection = checkOut();
    } else {
      int dot = cursor.indexOf('.');
      try {
        cookie = new ASN1OctetString(Base64.getUrlDecoder().decode(cursor.substring(dot + 1)));
      } catch (IllegalArgumentException e) {
        throw new ConnectorException(Reason.FAILED, "Not a paging cursor of this connector");
      }
      Session session = dot < 0 ? null : sessions.remove(cursor.substring(0, dot));
      if (session == null) {
        throw new ConnectorException(Reason.FAILED, "The paging cursor is no longer valid "
            + "(unused for more than 10 minutes, or the connector restarted); read again from "
            + "the first page");
      }
      connection = session.connection();
    }
    try {
      SearchResult result = connection.search(request(cookie));
      List<T> items = new ArrayList<>(result.getEntryCount());
      for (SearchResultEntry entry : result.getSearchEntries()) {
        items.add(reader.map(connection, entry));
      }
      SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
      if (response == null || !response.moreResultsToReturn()) {
        pool.releaseConnection(connection);
        return new Page<>(items, null);
      }
      String token = UUID.randomUUID().toString();
      sessions.put(token, new Session(connection, System.nanoTime()));
      return new Page<>(items, token + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(response.getCookie().getValue()));
    } catch (LDAPException e) {
      pool.releaseConnectionAfterException(connection, e);
      throw failure(e);
    } catch (RuntimeException e) {
      pool.releaseDefunctConnection(connection);
      throw e;
    }
  }

  /** Closes the connections of unfinished reads. */
  void close() {
    sessions.keySet().forEach(id -> {
      Session session = sessions.remove(id);
      if (session != null) {
        pool.releaseDefunctConnection(session.connection());
      }
    });
  }

  private SearchRequest request(ASN1OctetString cookie) throws LDAPException {
    SearchRequest request = new SearchRequest(search.base().toString(), search.scope(),
        search.filter(), search.attributes());
    request.addControl(new SimplePagedResultsControl(settings.pageSize(), cookie, true));
    return request;
  }

  private LDAPConnection checkOut() {
    try {
      return pool.getConnection();
    } catch (LDAPException e) {
      throw LdapFailures.toConnectorException("Getting a directory connection", e,
          settings.bindIdentity());
    }
  }

  private void dropIdleSessions() {
    long now = System.nanoTime();
    sessions.forEach((id, session) -> {
      if (now - session.lastUsedNanos() > IDLE_NANOS && sessions.remove(id, session)) {
        pool.releaseDefunctConnection(session.connection());
      }
    });
  }

  private ConnectorException failure(LDAPException e) {
    if (e.getResultCode() == ResultCode.UNAVAILABLE_CRITICAL_EXTENSION) {
      return new ConnectorException(Reason.UNSUPPORTED, "The server does not support the "
          + "simple paged results control (" + SimplePagedResultsControl.PAGED_RESULTS_OID
          + "), which reading " + search.what() + " needs: " + LdapFailures.describe(e), e);
    }
    return LdapFailures.toConnectorException("Reading " + search.what() + " below "
        + search.base(), e,
        settings.bindIdentity());
  }
}
