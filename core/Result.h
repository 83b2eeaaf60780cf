#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Keyhole {

// A recoverable failure a person can act on: what went wrong and where to go to fix it.
struct Error {
    QString code;    // stable, machine-readable: "json.syntax", "usage", "http.header"...
    QString message; // human-readable sentence
    QString where;   // file:line:column, JSON path, argument — empty when not applicable

    // "where: message", or just the message when there is no place.
    QString toString() const
    {
        return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
    }
};

// Holds either a T or an Error (CONVENTIONS.md rule 9). Deliberately small: no exceptions,
// no monadic chains; check ok(), then take value() or error().
template <typename T>
class [[nodiscard]] Result final {
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result of an operation with nothing to return.
struct Success {};
using Status = Result<Success>;

} // namespace Keyhole
